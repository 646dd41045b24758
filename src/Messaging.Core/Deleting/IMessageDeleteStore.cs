using Messaging.Core.Messages;

namespace Messaging.Core.Deleting;

/// <summary>Deleting messages: a tombstone at once, then the erasure of everything else that held the text.</summary>
public interface IMessageDeleteStore
{
    /// <summary>The message with its conversation and version; null when there is no such conversation or message.</summary>
    Task<MessageChange?> LoadAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically replaces the message with <paramref name="deleted"/>'s tombstone (guarded by the version it was read
    /// at), writes the event to the outbox and, for the latest message, clears the conversation's preview (guarded
    /// by the header's version). <see cref="ErrorKind.Conflict"/> when something changed meanwhile: re-read and retry.
    /// </summary>
    Task<Result<Message>> DeleteAsync(MessageChange change, MessageDeleted deleted, CancellationToken cancellationToken);

    /// <summary>
    /// Erases what else held the deleted message's text: its earlier versions and reactions, and the previews its
    /// replies show (they show that it was deleted instead). Idempotent.
    /// </summary>
    Task EraseAsync(string conversationId, long seq, CancellationToken cancellationToken);
}
