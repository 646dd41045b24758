using Messaging.Core;
using Messaging.Core.Deleting;
using Messaging.Core.Messages;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Deleting;

/// <summary>deleteMessage.</summary>
public static class DeletingEndpoints
{
    public static RouteGroupBuilder MapDeleting(this RouteGroupBuilder api)
    {
        api.MapPost("/deleteMessage", DeleteAsync);
        return api;
    }

    public static async Task<Results<Ok<DeleteMessageResponse>, ApiError>> DeleteAsync(
        JsonBody<DeleteMessageRequest> body, HttpContext context, DeleteMessageHandler handler, CancellationToken cancellationToken)
    {
        var command = new DeleteMessage(body.Value.MessageId, body.Value.User);
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(DeleteMessageResponse.From);
    }
}
