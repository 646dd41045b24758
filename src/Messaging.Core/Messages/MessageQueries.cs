using Messaging.Core.Conversations;
using Messaging.Core.Identity;

namespace Messaging.Core.Messages;

/// <summary>The message queries: _getMessagesInConversation, _getMessageDetails, _getAllMessages.</summary>
public sealed class MessageQueries(IMessageStore messages)
{
    /// <summary>
    /// The conversation's messages that the caller may see. With <paramref name="user"/> (optional; with authentication
    /// on, only the caller), those that user may see: a group member's history starts where they joined.
    /// </summary>
    public async Task<Result<IReadOnlyList<Message>>> InConversationAsync(
        Caller caller, string conversationId, CancellationToken cancellationToken, string? user = null)
    {
        if (user is not null && caller.ActAs(user, "user") is { IsSuccess: false } who)
        {
            return who.Error;
        }
        ConversationMessages? found = ConversationId.IsWellFormed(conversationId)
            ? await messages.ListAsync(conversationId, cancellationToken)
            : null;
        if (found is null)
        {
            return Error.NotFound("Conversation");
        }
        if (!caller.MayRead(found.Conversation))
        {
            return AccessErrors.NotParticipant;
        }
        long from = FirstVisible(caller, found.Conversation);
        if (user is not null)
        {
            if (found.Conversation.MemberOf(user) is not { } member)
            {
                return AccessErrors.NotParticipant;
            }
            from = member.FromSeq;
        }
        return Result<IReadOnlyList<Message>>.Ok(from <= 1 ? found.Messages : [.. found.Messages.Where(m => m.Seq >= from)]);
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
        if (!caller.MayRead(found.Conversation))
        {
            return AccessErrors.NotParticipant;
        }
        return found.Message.Seq >= FirstVisible(caller, found.Conversation) ? Result<Message>.Ok(found.Message) : Error.NotFound("Message");
    }

    /// <summary>
    /// The first message a caller may see: a group member sees what was sent from the moment they joined. Admins and
    /// unverified (local) callers, who name no user, see everything.
    /// </summary>
    private static long FirstVisible(Caller caller, Conversation conversation) =>
        caller.UserId is { } user && !caller.IsAdmin ? conversation.MemberOf(user)?.FromSeq ?? 1 : 1;

    public async Task<Result<IReadOnlyList<Message>>> AllAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.MayReadEverything
            ? Result<IReadOnlyList<Message>>.Ok(await messages.ListAllAsync(cancellationToken))
            : AccessErrors.NotAdmin;
}
