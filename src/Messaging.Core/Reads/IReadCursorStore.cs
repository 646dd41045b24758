using Messaging.Core.Conversations;

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
}

/// <summary>A conversation with one participant's cursor; <paramref name="Version"/> is null when the member row is missing.</summary>
public sealed record CursorContext(Conversation Conversation, ReadReceipt Cursor, string? Version);

public sealed record ConversationReceipts(Conversation Conversation, IReadOnlyList<ReadReceipt> Receipts);
