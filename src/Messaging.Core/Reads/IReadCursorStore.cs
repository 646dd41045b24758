using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Core.Reads;

/// <summary>Read cursors, kept on the member rows of a conversation's partition.</summary>
public interface IReadCursorStore
{
    /// <summary>The conversation and <paramref name="user"/>'s cursor, in one read; null when there is no conversation.</summary>
    Task<CursorContext?> LoadAsync(string conversationId, string user, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the cursor as <paramref name="read"/> says, guarded by the version it was read at, with the event in
    /// the outbox. <see cref="ErrorKind.Conflict"/> when the cursor moved meanwhile: re-read and retry.
    /// </summary>
    Task<Result<MessageRead>> MoveAsync(MessageRead read, string? readVersion, CancellationToken cancellationToken);

    /// <summary>The conversation and every participant's cursor; null when there is no conversation.</summary>
    Task<ConversationReceipts?> ListAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation, its <paramref name="seq"/>-th message if it exists, and the <see cref="MessageReaders.ReadersOf"/>
    /// with when each read first covered it, in one read; null when there is no conversation.
    /// </summary>
    Task<MessageReaders?> ListReadersAsync(string conversationId, long seq, CancellationToken cancellationToken);
}

/// <summary>A conversation with one participant's cursor; <paramref name="Version"/> is null when the member row is missing.</summary>
public sealed record CursorContext(Conversation Conversation, ReadReceipt Cursor, string? Version);

public sealed record ConversationReceipts(Conversation Conversation, IReadOnlyList<ReadReceipt> Receipts);

/// <summary>Who has read <paramref name="Message"/> (null when there is no such message), and when.</summary>
public sealed record MessageReaders(Conversation Conversation, Message? Message, IReadOnlyList<MessageReader> Readers)
{
    /// <summary>
    /// The users a message's receipts list: the current participants other than its sender (who wrote it, so "seen by"
    /// leaves them out) who can see it (joined at or before it) and whose read cursor has passed it.
    /// </summary>
    public static IReadOnlyList<ReadReceipt> ReadersOf(Conversation conversation, Message message, IEnumerable<ReadReceipt> cursors) =>
        [.. cursors.Where(cursor => cursor.ReadSeq >= message.Seq
            && !string.Equals(cursor.User, message.Sender, StringComparison.Ordinal)
            && conversation.MemberOf(cursor.User) is { } member && member.FromSeq <= message.Seq)];
}

/// <summary>A user who has read a message, and when the read that first covered it happened.</summary>
public sealed record MessageReader(string User, DateTimeOffset ReadAt);
