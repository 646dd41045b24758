using Messaging.Core.Events;
using Messaging.Core.Identity;

namespace Messaging.Core.Conversations;

/// <summary>The createConversation action.</summary>
public sealed class CreateConversationHandler(
    IConversationStore conversations, IEventPublisher events, TimeProvider clock)
{
    public async Task<Result<ConversationCreated>> HandleAsync(Caller caller, CreateConversation command, CancellationToken cancellationToken)
    {
        string? user1 = command.User1, user2 = command.User2;
        if (caller.UserId is { } self)
        {
            // Like every body identity, a user left out is the caller.
            if (user1 is null)
            {
                user1 = self;
            }
            else
            {
                user2 ??= self;
            }
        }
        if (user1 is null || user2 is null)
        {
            return Error.Invalid(user1 is null ? "user1 is required." : "user2 is required.");
        }
        if ((InputRules.CheckUserId(user1, "user1") ?? InputRules.CheckUserId(user2, "user2")) is { } invalid)
        {
            return invalid;
        }
        if (string.Equals(user1, user2, StringComparison.Ordinal))
        {
            return Error.Invalid("user1 and user2 must be different users.");
        }
        if (caller.IsVerified && !string.Equals(user1, caller.UserId, StringComparison.Ordinal)
            && !string.Equals(user2, caller.UserId, StringComparison.Ordinal))
        {
            return Error.Forbidden("user1 or user2 must be the authenticated user.");
        }

        DateTimeOffset now = clock.GetUtcNow();
        Conversation conversation = Conversation.StartDirect(ConversationId.New(now), user1, user2, caller.UserId, now);
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
