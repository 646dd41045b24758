using Messaging.Core;
using Messaging.Core.Inbox;
using Messaging.Core.Reads;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Messaging.Core.Conversations;

namespace Messaging.Functions.Features.Reads;

/// <summary>Read receipts and unread counts: markRead, _getUnreadCounts, _getReadReceipts, _getMessageReceipts.</summary>
public static class ReadEndpoints
{
    public static RouteGroupBuilder MapReads(this RouteGroupBuilder api)
    {
        api.MapPost("/markRead", MarkReadAsync);
        api.MapPost("/_getUnreadCounts", UnreadCountsAsync);
        api.MapPost("/_getUnreadTotal", UnreadTotalAsync);
        api.MapPost("/_getReadReceipts", ReceiptsAsync);
        api.MapPost("/_getMessageReceipts", MessageReceiptsAsync);
        return api;
    }

    public static async Task<Results<Ok<MarkReadResponse>, ApiError>> MarkReadAsync(
        JsonBody<MarkReadRequest> body, HttpContext context, MarkReadHandler handler, CancellationToken cancellationToken)
    {
        var command = new MarkRead(body.Value.ConversationId, body.Value.User, body.Value.MessageId);
        Result<MarkReadResult> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => MarkReadResponse.From(value));
    }

    public static async Task<Results<Ok<UnreadCountDto[]>, ApiError>> UnreadCountsAsync(
        JsonBody<UserRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<InboxEntry>> result = await queries.ForUserAsync(context.GetCaller(), body.Value.User, cancellationToken);
        return result.ToHttp(value => value.Select(UnreadCountDto.From).ToArray());
    }

    /// <summary>One badge over all the user's conversations, from the same one query of their inbox as the counts.</summary>
    public static async Task<Results<Ok<UnreadTotalDto[]>, ApiError>> UnreadTotalAsync(
        JsonBody<UnreadTotalRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<InboxEntry>> result = await queries.ForUserAsync(context.GetCaller(), body.Value.User, cancellationToken);
        return result.ToHttp(value => new[] { UnreadTotalDto.From(UnreadTotal.Of(value, body.Value.ExcludeMuted ?? false)) });
    }

    public static async Task<Results<Ok<ReceiptDto[]>, ApiError>> ReceiptsAsync(
        JsonBody<ReadReceiptsRequest> body, HttpContext context, ReadQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<ReadReceipt>> result = await queries.ReceiptsAsync(context.GetCaller(), body.Value.ConversationId, cancellationToken);
        return result.ToHttp(value => value.Select(ReceiptDto.From).ToArray());
    }

    public static async Task<Results<Ok<MessageReceiptDto[]>, ApiError>> MessageReceiptsAsync(
        JsonBody<MessageReceiptsRequest> body, HttpContext context, ReadQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<MessageReader>> result = await queries.MessageReceiptsAsync(context.GetCaller(), body.Value.MessageId, cancellationToken);
        return result.ToHttp(value => value.Select(MessageReceiptDto.From).ToArray());
    }
}
