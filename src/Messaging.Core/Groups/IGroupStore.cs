using Messaging.Core.Conversations;

namespace Messaging.Core.Groups;

/// <summary>Groups' headers, with their system messages and events, each change one version-guarded transaction.</summary>
public interface IGroupStore
{
    /// <summary>Stores a new group with its <see cref="ConversationCreated"/> event in the outbox.</summary>
    Task CreateAsync(Conversation group, ConversationCreated created, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a change: the header as <paramref name="next"/> (guarded by <paramref name="readVersion"/>), the
    /// change's system message, and its event in the outbox. <see cref="ErrorKind.Conflict"/> when the header moved
    /// since it was read: re-read and retry.
    /// </summary>
    Task<Result<ConversationChanged>> ChangeAsync(Conversation next, string readVersion, ConversationChanged changed, CancellationToken cancellationToken);
}
