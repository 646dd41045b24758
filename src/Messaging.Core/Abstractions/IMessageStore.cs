using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Messages;

namespace Messaging.Core.Abstractions;

/// <summary>Messages, each stored with the conversation header it advances.</summary>
public interface IMessageStore
{
    /// <summary>
    /// Atomically stores <paramref name="sent"/>'s message, advances the header to <paramref name="next"/>
    /// (guarded by the version it was read at) and writes the event to the outbox. Returns
    /// <see cref="ErrorKind.Conflict"/> when another write moved the header first: re-read and retry.
    /// </summary>
    Task<Result<Message>> AppendAsync(Conversation next, string readVersion, MessageSent sent, CancellationToken cancellationToken);

    /// <summary>The conversation's messages in sequence order, or null when the conversation does not exist.</summary>
    Task<IReadOnlyList<Message>?> ListAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>One message, or null.</summary>
    Task<Message?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken);

    /// <summary>Every message (an administrative scan), grouped by conversation, in sequence order.</summary>
    Task<IReadOnlyList<Message>> ListAllAsync(CancellationToken cancellationToken);
}
