using Messaging.Core.Conversations;
using Messaging.Core.Groups;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Inbox;

/// <summary>Per-user inbox entries. Every write is idempotent, so replayed events change nothing.</summary>
public interface IInboxStore
{
    /// <summary>Makes sure each participant has an entry for the conversation; never moves an entry back.</summary>
    Task AddConversationAsync(ConversationCreated created, CancellationToken cancellationToken);

    /// <summary>
    /// Moves <paramref name="user"/>'s entry forward to the message, unless it is already at or past it; for
    /// the sender, the read cursor moves too.
    /// </summary>
    Task ApplyMessageAsync(string user, MessageSent sent, CancellationToken cancellationToken);

    /// <summary>Moves the reader's read cursor in their entry forward, never back.</summary>
    Task ApplyReadAsync(MessageRead read, CancellationToken cancellationToken);

    /// <summary>
    /// Brings a member's entry of a changed group forward to the change: its members, title and last (system)
    /// message, unless the entry is already at or past it. A member added by the change gets the entry here.
    /// </summary>
    Task ApplyChangeAsync(string user, ConversationChanged changed, CancellationToken cancellationToken);

    /// <summary>
    /// Hides the user's entry: they were removed from the conversation, or it was deleted, as of <paramref name="seq"/>
    /// (a later change that brings them back shows it again).
    /// </summary>
    Task HideAsync(string user, string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the last-message preview of the user's entry, if the entry still shows message <paramref name="seq"/>
    /// (its latest message was edited or deleted); an entry that has moved on is left alone.
    /// </summary>
    Task RefreshPreviewAsync(string user, string conversationId, long seq, string preview, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the revision in the user's entry forward to <paramref name="revision"/>, never back (see <see cref="Sync.Revision"/>),
    /// so that catch-up notices the conversation changed. Writes nothing when the user has no entry.
    /// </summary>
    Task ApplyRevisionAsync(string user, string conversationId, long revision, CancellationToken cancellationToken);

    /// <summary>The user's entries, in conversation id (creation) order.</summary>
    Task<IReadOnlyList<InboxEntry>> ListAsync(string user, CancellationToken cancellationToken);
}
