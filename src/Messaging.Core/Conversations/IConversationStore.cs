namespace Messaging.Core.Conversations;

/// <summary>Conversation headers and the uniqueness of direct conversations.</summary>
public interface IConversationStore
{
    /// <summary>
    /// Stores a new direct conversation, with its <see cref="ConversationCreated"/> event (id
    /// <paramref name="eventId"/>) in its outbox, unless the pair already has one (then
    /// <see cref="ErrorKind.Conflict"/>). Of several racing calls for one pair, exactly one succeeds. If an
    /// earlier attempt for the pair crashed half-way, the conversation it reserved is completed and
    /// returned: the event then names that id rather than <paramref name="conversation"/>'s.
    /// </summary>
    Task<Result<ConversationCreated>> CreateDirectAsync(Conversation conversation, string eventId, CancellationToken cancellationToken);

    /// <summary>The conversation, with its concurrency token, or null.</summary>
    Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The id of the direct conversation of two users (in either order), or null when they have none.</summary>
    Task<string?> FindDirectIdAsync(string user1, string user2, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the conversation deleted (guarded by <paramref name="readVersion"/>) with its event in the outbox:
    /// from then on it is gone for everyone. <see cref="ErrorKind.Conflict"/> when the header moved since it was read.
    /// </summary>
    Task<Result<ConversationDeleted>> DeleteAsync(Conversation conversation, string readVersion, ConversationDeleted deleted, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a deleted conversation's rows, in bounded batches, leaving its header as the tombstone that keeps it
    /// gone (a send or change racing the deletion fails on it). Idempotent.
    /// </summary>
    Task PurgeAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Every conversation (an administrative scan).</summary>
    Task<IReadOnlyList<Conversation>> ListAllAsync(CancellationToken cancellationToken);
}
