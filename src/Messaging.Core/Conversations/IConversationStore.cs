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

    /// <summary>Every conversation (an administrative scan).</summary>
    Task<IReadOnlyList<Conversation>> ListAllAsync(CancellationToken cancellationToken);
}
