using Messaging.Core;
using Messaging.Core.Messages;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Messages;

/// <summary>sendMessage, _getMessagesInConversation, _getMessageDetails, _getAllMessages.</summary>
public static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder api)
    {
        api.MapPost("/sendMessage", SendAsync);
        api.MapPost("/_getMessagesInConversation", InConversationAsync);
        api.MapPost("/_getMessageDetails", DetailsAsync);
        api.MapPost("/_getAllMessages", AllAsync);
        return api;
    }

    public static async Task<Results<Ok<SendMessageResponse>, ApiError>> SendAsync(
        JsonBody<SendMessageRequest> body, HttpContext context, SendMessageHandler handler, CancellationToken cancellationToken)
    {
        SendMessageRequest request = body.Value;
        Result<string?> payload = MessagePayload.Compact(request.Payload);
        if (!payload.IsSuccess)
        {
            return payload.Error.ToHttp();
        }
        var command = new SendMessage(request.ConversationId, request.Sender, request.Content, request.ClientMessageId)
        {
            Type = request.Type,
            Payload = payload.Value,
            Attachments = request.Attachments is null ? [] : [.. request.Attachments.Select(a => a.ToAttachment())],
            ReplyTo = request.ReplyTo,
        };
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => new SendMessageResponse(MessageDto.From(value)));
    }

    public static async Task<Results<Ok<MessageDto[]>, ApiError>> InConversationAsync(
        JsonBody<ConversationMessagesRequest> body, HttpContext context, MessageQueries queries, CancellationToken cancellationToken)
    {
        Result<MessagesSeen> result = await queries.InConversationAsync(
            context.GetCaller(), body.Value.ConversationId, cancellationToken, body.Value.User,
            new HistoryPage(body.Value.Limit, body.Value.Before, body.Value.After, body.Value.Page));
        return result.ToHttp(ToDtos);
    }

    public static async Task<Results<Ok<MessageDto[]>, ApiError>> DetailsAsync(
        JsonBody<MessageDetailsRequest> body, HttpContext context, MessageQueries queries, CancellationToken cancellationToken)
    {
        Result<MessagesSeen> result = await queries.DetailsAsync(context.GetCaller(), body.Value.MessageId, cancellationToken, body.Value.User);
        return result.ToHttp(ToDtos);
    }

    private static MessageDto[] ToDtos(MessagesSeen seen) => [.. seen.Messages.Select(message => MessageDto.From(message))];

    public static async Task<Results<Ok<MessageDto[]>, ApiError>> AllAsync(
        JsonBody<EmptyRequest> body, HttpContext context, MessageQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<Message>> result = await queries.AllAsync(context.GetCaller(), cancellationToken);
        return result.ToHttp(value => value.Select(MessageDto.From).ToArray());
    }
}
