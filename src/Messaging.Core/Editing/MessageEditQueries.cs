using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Editing;

/// <summary>_getMessageEdits: a message's earlier versions, for those who may see the message.</summary>
public sealed class MessageEditQueries(IMessageEditStore store)
{
    public async Task<Result<IReadOnlyList<MessageEdit>>> EditsAsync(Caller caller, string messageId, CancellationToken cancellationToken)
    {
        MessageEdits? found = MessageId.TryParse(messageId, out string conversationId, out long seq)
            ? await store.ListEditsAsync(conversationId, seq, cancellationToken)
            : null;
        if (found?.Message is not { } message)
        {
            return Error.NotFound("Message");
        }
        if (!caller.MayRead(found.Conversation))
        {
            return AccessErrors.NotParticipant;
        }
        if (caller.UserId is { } user && !caller.IsAdmin && message.Seq < (found.Conversation.MemberOf(user)?.FromSeq ?? 1))
        {
            return Error.NotFound("Message");
        }
        // A deleted message's versions are erased with it (by its fan-out, moments later): none is shown meanwhile.
        return Result<IReadOnlyList<MessageEdit>>.Ok(message.IsDeleted ? [] : found.Edits);
    }
}
