using Messaging.Core;
using Messaging.Core.Messages;
using Messaging.Core.Reactions;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Reactions;

/// <summary>addReaction, removeReaction: each answers with the message as it now stands.</summary>
public static class ReactionEndpoints
{
    public static RouteGroupBuilder MapReactions(this RouteGroupBuilder api)
    {
        api.MapPost("/addReaction", AddAsync);
        api.MapPost("/removeReaction", RemoveAsync);
        return api;
    }

    public static async Task<Results<Ok<MessageDto>, ApiError>> AddAsync(
        JsonBody<ReactionRequest> body, HttpContext context, ReactionHandler handler, CancellationToken cancellationToken)
    {
        var command = new AddReaction(body.Value.MessageId, body.Value.User, body.Value.Emoji);
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => MessageDto.From(value));
    }

    public static async Task<Results<Ok<MessageDto>, ApiError>> RemoveAsync(
        JsonBody<ReactionRequest> body, HttpContext context, ReactionHandler handler, CancellationToken cancellationToken)
    {
        var command = new RemoveReaction(body.Value.MessageId, body.Value.User, body.Value.Emoji);
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => MessageDto.From(value));
    }
}
