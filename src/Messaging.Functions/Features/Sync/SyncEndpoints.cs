using Messaging.Core;
using Messaging.Core.Sync;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Sync;

/// <summary>_sync.</summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSync(this RouteGroupBuilder api)
    {
        api.MapPost("/_sync", SyncAsync);
        return api;
    }

    public static async Task<Results<Ok<SyncDto[]>, ApiError>> SyncAsync(
        JsonBody<SyncRequest> body, HttpContext context, SyncQuery query, CancellationToken cancellationToken)
    {
        SyncRequest request = body.Value;
        Result<SyncResult> result = await query.HandleAsync(context.GetCaller(), request.User, request.Since, request.Limit, cancellationToken);
        return result.ToHttp(value => new[] { SyncDto.From(value) });
    }
}
