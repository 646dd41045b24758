using Messaging.Core.Abstractions;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Core.Queries;

/// <summary>The message queries: _getMessagesInConversation, _getMessageDetails, _getAllMessages.</summary>
public sealed class MessageQueries(IMessageStore messages)
{
    public async Task<Result<IReadOnlyList<Message>>> InConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Message>? found = ConversationId.IsWellFormed(conversationId)
            ? await messages.ListAsync(conversationId, cancellationToken)
            : null;
        return found is null ? Error.NotFound("Conversation") : Result<IReadOnlyList<Message>>.Ok(found);
    }

    public async Task<Result<Message>> DetailsAsync(string messageId, CancellationToken cancellationToken)
    {
        Message? found = MessageId.TryParse(messageId, out string conversationId, out long seq)
            ? await messages.FindAsync(conversationId, seq, cancellationToken)
            : null;
        return found is null ? Error.NotFound("Message") : Result<Message>.Ok(found);
    }

    public Task<IReadOnlyList<Message>> AllAsync(CancellationToken cancellationToken) =>
        messages.ListAllAsync(cancellationToken);
}
