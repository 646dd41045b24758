using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Core.Editing;

/// <summary>Edits of messages, and the earlier versions they keep.</summary>
public interface IMessageEditStore
{
    /// <summary>The message with its conversation and version; null when there is no such conversation or message.</summary>
    Task<MessageChange?> LoadAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically stores <paramref name="updated"/>'s message (guarded by the version it was read at), keeps the
    /// text it replaces as an earlier version, writes the event to the outbox and, for the latest message, the
    /// conversation's preview (guarded by the header's version). <see cref="ErrorKind.Conflict"/> when something
    /// changed meanwhile: re-read and retry.
    /// </summary>
    Task<Result<Message>> EditAsync(MessageChange change, MessageUpdated updated, CancellationToken cancellationToken);

    /// <summary>The conversation, the message and its earlier versions, oldest first; null when there is no conversation.</summary>
    Task<MessageEdits?> ListEditsAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>Brings every reply to the message up to what it now says (or that it was deleted). Idempotent.</summary>
    Task RefreshRepliesAsync(string conversationId, long seq, CancellationToken cancellationToken);
}

public sealed record MessageEdits(Conversation Conversation, Message? Message, IReadOnlyList<MessageEdit> Edits);
