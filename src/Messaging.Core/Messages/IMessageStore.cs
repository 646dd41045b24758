using Messaging.Core.Conversations;
using Messaging.Core.Reads;

namespace Messaging.Core.Messages;

/// <summary>Messages, each stored with the conversation header it advances.</summary>
public interface IMessageStore
{
    /// <summary>
    /// What a send needs: the header (with its version) and, when it is read and the send carries a client
    /// message id, the sequence number of the message already stored under it. Unless <paramref name="fresh"/>,
    /// a header this process remembers is returned without a round trip (<see cref="SendContext.Remembered"/>);
    /// it may be stale, which the version-guarded append detects. Null when there is no conversation.
    /// </summary>
    /// <remarks>With <paramref name="replyTo"/>, the header is always read, with that message in the same query (<see cref="SendContext.Reply"/>).</remarks>
    Task<SendContext?> LoadForSendAsync(
        string conversationId, string sender, string? clientMessageId, bool fresh, CancellationToken cancellationToken, long? replyTo = null);

    /// <summary>
    /// Atomically stores <paramref name="sent"/>'s message, advances the header to <paramref name="next"/>
    /// (guarded by the version it was read at), moves the sender's read cursor, remembers the client
    /// message id if any, and writes the event to the outbox. A reply also notes itself on <paramref name="answered"/>
    /// (guarded by its version), so that an edit or delete of that message can refresh the reply's preview. Returns
    /// <see cref="ErrorKind.Conflict"/> when another write got there first, or the client message id is already
    /// taken: re-read and retry.
    /// </summary>
    Task<Result<Message>> AppendAsync(
        Conversation next, string readVersion, MessageSent sent, string? clientMessageId, CancellationToken cancellationToken, ReplyTarget? answered = null);

    /// <summary>
    /// The conversation with its messages in sequence order and the members' cursors (<see cref="ConversationMessages.Cursors"/>),
    /// or null when it does not exist. With <paramref name="window"/>, only the messages in the range it gives for the
    /// conversation: it is asked first with the header this process remembers (or null), and the range is read again
    /// should the header read with it give another (a send came in between). A null range means the header is
    /// needed: it is read first.
    /// </summary>
    Task<ConversationMessages?> ListAsync(string conversationId, CancellationToken cancellationToken, Func<Conversation?, SeqRange?>? window = null);

    /// <summary>
    /// The conversation, its <paramref name="seq"/>-th message if it exists, and the members' cursors; null when there
    /// is no conversation.
    /// </summary>
    Task<MessageLookup?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>Every message (an administrative scan), grouped by conversation, in sequence order.</summary>
    Task<IReadOnlyList<Message>> ListAllAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A conversation as a send finds it. <paramref name="DuplicateOf"/> is the seq already stored under the client
/// message id (known only when the header was read); <paramref name="Remembered"/> means it came from memory, not storage.
/// </summary>
public sealed record SendContext(Conversation Conversation, long? DuplicateOf, bool Remembered = false)
{
    /// <summary>The message a reply answers, when one was asked for and exists.</summary>
    public ReplyTarget? Reply { get; init; }
}

/// <summary>A message being answered, with its row's version.</summary>
public sealed record ReplyTarget(Message Message, string Version);

public sealed record ConversationMessages(Conversation Conversation, IReadOnlyList<Message> Messages)
{
    /// <summary>The members' read and delivered cursors (a member without a row has none), for <see cref="Message.Delivery"/>.</summary>
    public IReadOnlyList<ReadReceipt> Cursors { get; init; } = [];
}

public sealed record MessageLookup(Conversation Conversation, Message? Message)
{
    /// <inheritdoc cref="ConversationMessages.Cursors"/>
    public IReadOnlyList<ReadReceipt> Cursors { get; init; } = [];
}
