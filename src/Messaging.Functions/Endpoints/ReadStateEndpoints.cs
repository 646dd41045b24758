using Messaging.Core;
using Messaging.Core.Inbox;
using Messaging.Core.Queries;
using Messaging.Core.Reads;
using Messaging.Core.Realtime;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;

namespace Messaging.Functions.Endpoints;

/// <summary>Read receipts and typing: markRead, _getUnreadCounts, _getReadReceipts, typing.</summary>
public static class ReadStateEndpoints
{
    public static RouteGroupBuilder MapReadState(this RouteGroupBuilder group)
    {
        group.MapPost("/markRead", MarkReadAsync);
        group.MapPost("/_getUnreadCounts", GetUnreadCountsAsync);
        group.MapPost("/_getReadReceipts", GetReadReceiptsAsync);
        group.MapPost("/typing", TypingAsync);
        return group;
    }

    public static async Task<IResult> MarkReadAsync(HttpContext context, MarkReadHandler handler, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        var command = new MarkRead(body.RequiredString("conversationId"), body.OptionalString("user"), body.OptionalString("messageId"));
        Result<MarkReadResult> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(MarkReadResponse.From(result.Value)) : result.Error.ToHttp();
    }

    public static async Task<IResult> GetUnreadCountsAsync(HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<IReadOnlyList<InboxEntry>> result = await queries.ForUserAsync(context.GetCaller(), body.OptionalString("user"), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.Select(UnreadCountDto.From).ToArray()) : result.Error.ToHttp();
    }

    public static async Task<IResult> GetReadReceiptsAsync(HttpContext context, ReadQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<IReadOnlyList<ReadReceipt>> result = await queries.ReceiptsAsync(context.GetCaller(), body.RequiredString("conversationId"), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.Select(ReceiptDto.From).ToArray()) : result.Error.ToHttp();
    }

    public static async Task<IResult> TypingAsync(HttpContext context, SetTypingHandler handler, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        var command = new SetTyping(body.RequiredString("conversationId"), body.OptionalString("user"), body.RequiredBoolean("isTyping"));
        Result<TypingChanged> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(new EmptyResponse()) : result.Error.ToHttp();
    }
}
