using Messaging.Core.Events;
using Messaging.Core.Identity;

namespace Messaging.Core.Conversations;

/// <summary>The createConversation action.</summary>
public sealed class CreateConversationHandler(
    IConversationStore conversations, IEventPublisher events, TimeProvider clock)
{
    public async Task<Result<ConversationCreated>> HandleAsync(Caller caller, CreateConversation command, CancellationToken cancellationToken)
    {
        if ((InputRules.CheckUserId(command.User1, "user1") ?? InputRules.CheckUserId(command.User2, "user2")) is { } invalid)
        {
            return invalid;
        }
        if (string.Equals(command.User1, command.User2, StringComparison.Ordinal))
        {
            return Error.Invalid("user1 and user2 must be different users.");
        }
        if (caller.IsVerified && !string.Equals(command.User1, caller.UserId, StringComparison.Ordinal)
            && !string.Equals(command.User2, caller.UserId, StringComparison.Ordinal))
        {
            return Error.Forbidden("user1 or user2 must be the authenticated user.");
        }

        DateTimeOffset now = clock.GetUtcNow();
        Conversation conversation = Conversation.StartDirect(ConversationId.New(now), command.User1, command.User2, caller.UserId, now);
        Result<ConversationCreated> stored = await conversations.CreateDirectAsync(conversation, MessagingEvent.NewId(now), cancellationToken);
        if (!stored.IsSuccess)
        {
            return stored;
        }

        // The participants' inbox entries are the event's fan-out to write (ConversationCreatedFanOut), once;
        // if we crash before publishing, the event left in the outbox is republished by the sweeper.
        await events.PublishAsync(stored.Value, cancellationToken);
        return stored;
    }
}
