using Messaging.Core;
using Messaging.Core.Editing;
using Messaging.Core.Messages;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Editing;

/// <summary>editMessage and _getMessageEdits.</summary>
public static class EditingEndpoints
{
    public static RouteGroupBuilder MapEditing(this RouteGroupBuilder api)
    {
        api.MapPost("/editMessage", EditAsync);
        api.MapPost("/_getMessageEdits", EditsAsync);
        return api;
    }

    public static async Task<Results<Ok<MessageDto>, ApiError>> EditAsync(
        JsonBody<EditMessageRequest> body, HttpContext context, EditMessageHandler handler, CancellationToken cancellationToken)
    {
        var command = new EditMessage(body.Value.MessageId, body.Value.User, body.Value.Content);
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => MessageDto.From(value));
    }

    public static async Task<Results<Ok<MessageEditDto[]>, ApiError>> EditsAsync(
        JsonBody<MessageEditsRequest> body, HttpContext context, MessageEditQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<MessageEdit>> result = await queries.EditsAsync(context.GetCaller(), body.Value.MessageId, cancellationToken);
        return result.ToHttp(value => value.Select(MessageEditDto.From).ToArray());
    }
}
