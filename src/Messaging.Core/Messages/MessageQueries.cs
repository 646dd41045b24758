using Messaging.Core.Conversations;
using Messaging.Core.Identity;

namespace Messaging.Core.Messages;

/// <summary>The message queries: _getMessagesInConversation, _getMessageDetails, _getAllMessages.</summary>
public sealed class MessageQueries(IMessageStore messages)
{
    public async Task<Result<IReadOnlyList<Message>>> InConversationAsync(Caller caller, string conversationId, CancellationToken cancellationToken)
    {
        ConversationMessages? found = ConversationId.IsWellFormed(conversationId)
            ? await messages.ListAsync(conversationId, cancellationToken)
            : null;
        if (found is null)
        {
            return Error.NotFound("Conversation");
        }
        return caller.MayRead(found.Conversation) ? Result<IReadOnlyList<Message>>.Ok(found.Messages) : AccessErrors.NotParticipant;
    }

    public async Task<Result<Message>> DetailsAsync(Caller caller, string messageId, CancellationToken cancellationToken)
    {
        MessageLookup? found = MessageId.TryParse(messageId, out string conversationId, out long seq)
            ? await messages.FindAsync(conversationId, seq, cancellationToken)
            : null;
        if (found?.Message is null)
        {
            return Error.NotFound("Message");
        }
        return caller.MayRead(found.Conversation) ? Result<Message>.Ok(found.Message) : AccessErrors.NotParticipant;
    }

    public async Task<Result<IReadOnlyList<Message>>> AllAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.MayReadEverything
            ? Result<IReadOnlyList<Message>>.Ok(await messages.ListAllAsync(cancellationToken))
            : AccessErrors.NotAdmin;
}
