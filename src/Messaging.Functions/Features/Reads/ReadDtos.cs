using System.Text.Json.Serialization;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Reads;

/// <summary>The body of <c>markRead</c>: <see cref="User"/> defaults to the caller, <see cref="MessageId"/> to the latest message.</summary>
public sealed record MarkReadRequest
{
    public required string ConversationId { get; init; }

    public string? User { get; init; }

    public string? MessageId { get; init; }
}

/// <summary>The body of <c>_getUnreadTotal</c>: <see cref="User"/> defaults to the caller; muted conversations count unless <see cref="ExcludeMuted"/>.</summary>
public sealed record UnreadTotalRequest
{
    public string? User { get; init; }

    public bool? ExcludeMuted { get; init; }
}

/// <summary>The element of <c>_getUnreadTotal</c>.</summary>
public sealed record UnreadTotalDto(
    [property: JsonPropertyName("unreadCount")] long UnreadCount,
    [property: JsonPropertyName("conversations")] int Conversations)
{
    public static UnreadTotalDto From(UnreadTotal total) => new(total.UnreadCount, total.Conversations);
}

/// <summary>The body of <c>_getReadReceipts</c>.</summary>
public sealed record ReadReceiptsRequest
{
    public required string ConversationId { get; init; }
}

/// <summary>The body of <c>_getMessageReceipts</c>.</summary>
public sealed record MessageReceiptsRequest
{
    public required string MessageId { get; init; }
}

public sealed record MarkReadResponse(
    [property: JsonPropertyName("readUpTo")] string? ReadUpTo,
    [property: JsonPropertyName("unreadCount")] long UnreadCount)
{
    public static MarkReadResponse From(MarkReadResult result) => new(Cursor.MessageAt(result.ConversationId, result.ReadSeq), result.UnreadCount);
}

/// <summary>Read cursors on the wire are message ids.</summary>
public static class Cursor
{
    /// <summary>The id of the message a cursor stands on; null before anything is read.</summary>
    public static string? MessageAt(string conversationId, long readSeq) => readSeq > 0 ? MessageId.Format(conversationId, readSeq) : null;
}

/// <summary>An element of <c>_getUnreadCounts</c>.</summary>
public sealed record UnreadCountDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("unreadCount")] long UnreadCount)
{
    public static UnreadCountDto From(InboxEntry entry) => new(entry.ConversationId, entry.UnreadCount);
}

/// <summary>An element of <c>_getReadReceipts</c>.</summary>
public sealed record ReceiptDto(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("readUpTo")] string? ReadUpTo,
    [property: JsonPropertyName("readAt")] string? ReadAt)
{
    public static ReceiptDto From(ReadReceipt receipt) =>
        new(receipt.User, Cursor.MessageAt(receipt.ConversationId, receipt.ReadSeq), Iso.Format(receipt.ReadAt));
}

/// <summary>The <c>messageRead</c> event's argument.</summary>
public sealed record MessageReadDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("readUpTo")] string? ReadUpTo,
    [property: JsonPropertyName("readAt")] string? ReadAt)
{
    public static MessageReadDto From(ReadReceipt receipt) =>
        new(receipt.ConversationId, receipt.User, Cursor.MessageAt(receipt.ConversationId, receipt.ReadSeq), Iso.Format(receipt.ReadAt));
}

/// <summary>An element of <c>_getMessageReceipts</c>: who read the message, and when their read first covered it.</summary>
public sealed record MessageReceiptDto(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("readAt")] string ReadAt)
{
    public static MessageReceiptDto From(MessageReader reader) => new(reader.User, Iso.Format(reader.ReadAt));
}
