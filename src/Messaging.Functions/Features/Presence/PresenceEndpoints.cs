using Messaging.Core;
using Messaging.Core.Presence;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Presence;

/// <summary>Presence: setPresence, _getPresence. Connections themselves come from the hub or the SignalR Service trigger.</summary>
public static class PresenceEndpoints
{
    public static RouteGroupBuilder MapPresence(this RouteGroupBuilder api)
    {
        api.MapPost("/setPresence", SetAsync);
        api.MapPost("/_getPresence", GetAsync);
        return api;
    }

    public static async Task<Results<Ok<PresenceDto>, ApiError>> SetAsync(
        JsonBody<SetPresenceRequest> body, HttpContext context, SetPresenceHandler handler, CancellationToken cancellationToken)
    {
        Result<Core.Presence.Presence> result = await handler.HandleAsync(context.GetCaller(), new SetPresence(body.Value.User, body.Value.Status), cancellationToken);
        return result.ToHttp(PresenceDto.From);
    }

    public static async Task<Results<Ok<PresenceDto[]>, ApiError>> GetAsync(
        JsonBody<GetPresenceRequest> body, HttpContext context, PresenceQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<Core.Presence.Presence>> result = await queries.GetAsync(context.GetCaller(), body.Value.User, body.Value.Users, cancellationToken);
        return result.ToHttp(value => value.Select(PresenceDto.From).ToArray());
    }
}
