using System.Globalization;
using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Core.Realtime;

namespace Messaging.Functions.Endpoints;

// The JSON shapes of the seed 000 contract. The same shapes are the payloads of real-time events.

public sealed record ConversationDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("participant1")] string Participant1,
    [property: JsonPropertyName("participant2")] string Participant2)
{
    public static ConversationDto From(Conversation conversation) =>
        new(conversation.Id, conversation.Participant1, conversation.Participant2);

    public static ConversationDto From(InboxEntry entry) =>
        new(entry.ConversationId, entry.Participants[0], entry.Participants[1]);

    public static ConversationDto From(ConversationCreated created) =>
        new(created.ConversationId, created.Participants[0], created.Participants[1]);
}

public sealed record MessageDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("sentAt")] string SentAt)
{
    public static MessageDto From(Message message) => new(
        message.Id,
        message.ConversationId,
        message.Sender,
        message.Content,
        Iso.Format(message.SentAt));
}

public sealed record CreateConversationResponse([property: JsonPropertyName("conversationId")] string ConversationId);

public sealed record SendMessageResponse([property: JsonPropertyName("message")] MessageDto Message);

public sealed record HealthResponse([property: JsonPropertyName("status")] string Status);

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

public sealed record UnreadCountDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("unreadCount")] long UnreadCount)
{
    public static UnreadCountDto From(InboxEntry entry) => new(entry.ConversationId, entry.UnreadCount);
}

/// <summary>An element of _getReadReceipts.</summary>
public sealed record ReceiptDto(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("readUpTo")] string? ReadUpTo,
    [property: JsonPropertyName("readAt")] string? ReadAt)
{
    public static ReceiptDto From(ReadReceipt receipt) =>
        new(receipt.User, Cursor.MessageAt(receipt.ConversationId, receipt.ReadSeq), Iso.Format(receipt.ReadAt));
}

/// <summary>The messageRead event's argument.</summary>
public sealed record MessageReadDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("readUpTo")] string? ReadUpTo,
    [property: JsonPropertyName("readAt")] string? ReadAt)
{
    public static MessageReadDto From(ReadReceipt receipt) =>
        new(receipt.ConversationId, receipt.User, Cursor.MessageAt(receipt.ConversationId, receipt.ReadSeq), Iso.Format(receipt.ReadAt));
}

/// <summary>The typing event's argument.</summary>
public sealed record TypingDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("isTyping")] bool IsTyping)
{
    public static TypingDto From(TypingChanged typing) => new(typing.ConversationId, typing.User, typing.IsTyping);
}

/// <summary>An action's empty success body, <c>{}</c>.</summary>
public sealed record EmptyResponse;

public sealed record NegotiateResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("accessToken")] string AccessToken);

/// <summary>ISO-8601 UTC with milliseconds, the API's one time format.</summary>
public static class Iso
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
