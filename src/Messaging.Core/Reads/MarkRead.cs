namespace Messaging.Core.Reads;

/// <summary>Move <paramref name="User"/>'s read cursor to <paramref name="MessageId"/> (default: the latest message).</summary>
public sealed record MarkRead(string ConversationId, string? User, string? MessageId);

/// <summary>Where the cursor stands after marking, and how many messages are still unread.</summary>
public sealed record MarkReadResult(string ConversationId, long ReadSeq, long UnreadCount);
