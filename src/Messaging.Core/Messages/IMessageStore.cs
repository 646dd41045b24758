using Messaging.Core.Conversations;

namespace Messaging.Core.Messages;

/// <summary>Messages, each stored with the conversation header it advances.</summary>
public interface IMessageStore
{
    /// <summary>
    /// What a send needs, in one read: the header (with its version) and, when the send carries a client
    /// message id, the sequence number of the message already stored under it. Null when there is no conversation.
    /// </summary>
    Task<SendContext?> LoadForSendAsync(string conversationId, string sender, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically stores <paramref name="sent"/>'s message, advances the header to <paramref name="next"/>
    /// (guarded by the version it was read at), moves the sender's read cursor, remembers the client
    /// message id if any, and writes the event to the outbox. Returns <see cref="ErrorKind.Conflict"/>
    /// when another write got there first: re-read and retry.
    /// </summary>
    Task<Result<Message>> AppendAsync(Conversation next, string readVersion, MessageSent sent, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>The conversation with its messages in sequence order, or null when it does not exist.</summary>
    Task<ConversationMessages?> ListAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The conversation and, if it exists, its <paramref name="seq"/>-th message; null when there is no conversation.</summary>
    Task<MessageLookup?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>Every message (an administrative scan), grouped by conversation, in sequence order.</summary>
    Task<IReadOnlyList<Message>> ListAllAsync(CancellationToken cancellationToken);
}

/// <summary>A conversation read for a send; <paramref name="DuplicateOf"/> is the seq already stored under the client message id.</summary>
public sealed record SendContext(Conversation Conversation, long? DuplicateOf);

public sealed record ConversationMessages(Conversation Conversation, IReadOnlyList<Message> Messages);

public sealed record MessageLookup(Conversation Conversation, Message? Message);
