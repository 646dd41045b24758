using Messaging.Core;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Messaging.Core.Typing;

namespace Messaging.Functions.Features.Typing;

/// <summary><c>typing</c>: tells the other participants that a user is (or stopped) typing; nothing is stored.</summary>
public static class TypingEndpoints
{
    public static RouteGroupBuilder MapTyping(this RouteGroupBuilder api)
    {
        api.MapPost("/typing", SetAsync);
        return api;
    }

    public static async Task<Results<Ok<EmptyResponse>, ApiError>> SetAsync(
        JsonBody<TypingRequest> body, HttpContext context, SetTypingHandler handler, CancellationToken cancellationToken)
    {
        var command = new SetTyping(body.Value.ConversationId, body.Value.User, body.Value.IsTyping);
        Result<TypingChanged> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => new EmptyResponse());
    }
}
