using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Conversations;

/// <summary>Send to a user rather than to a conversation: their direct conversation with the sender, created on first use.</summary>
public sealed record SendDirectMessage(string? Sender, string? To, string Content, string? ClientMessageId = null);

/// <summary>
/// The sendDirectMessage action: finds the pair's direct conversation (one point read of the pair's reservation) or
/// creates it, then sends as sendMessage does. Two users sending each other their first message at once both try to
/// create it; the pair's reservation lets exactly one succeed, and the other finds and uses that conversation.
/// </summary>
public sealed class SendDirectMessageHandler(IConversationStore conversations, CreateConversationHandler create, SendMessageHandler send)
{
    private const int MaxAttempts = 5;

    public async Task<Result<Message>> HandleAsync(Caller caller, SendDirectMessage command, CancellationToken cancellationToken)
    {
        Result<string> sender = caller.ActAs(command.Sender, "sender");
        if (!sender.IsSuccess)
        {
            return sender.Error;
        }
        // Everything the send would refuse is checked before a conversation is created for it.
        if (((command.To is null ? Error.Invalid("to is required.") : InputRules.CheckUserId(command.To, "to"))
            ?? InputRules.CheckContent(command.Content, "content")
            ?? (command.ClientMessageId is null ? null : InputRules.CheckClientMessageId(command.ClientMessageId, "clientMessageId"))) is { } invalid)
        {
            return invalid;
        }
        if (string.Equals(sender.Value, command.To, StringComparison.Ordinal))
        {
            return Error.Invalid("to must be another user than sender.");
        }

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await conversations.FindDirectIdAsync(sender.Value, command.To!, cancellationToken) is { } existing)
            {
                Result<Message> sent = await send.HandleAsync(caller, new SendMessage(existing, sender.Value, command.Content, command.ClientMessageId), cancellationToken);
                if (sent.IsSuccess || sent.Error.Kind != ErrorKind.NotFound)
                {
                    return sent;
                }
                // The one thing a send finds missing is its conversation: deleted since, so a new one replaces it.
            }
            Result<ConversationCreated> created = await create.HandleAsync(caller, new CreateConversation(sender.Value, command.To), cancellationToken);
            if (created.IsSuccess)
            {
                return await send.HandleAsync(caller, new SendMessage(created.Value.ConversationId, sender.Value, command.Content, command.ClientMessageId), cancellationToken);
            }
            if (created.Error.Kind != ErrorKind.Conflict)
            {
                return created.Error; // e.g. a block
            }
            // The other user created it at the same moment: look again.
        }
        return Error.Conflict("The conversation is busy; try again.");
    }
}
