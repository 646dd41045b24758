using Messaging.Core.Blocking;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;

namespace Messaging.Core.Conversations;

/// <summary>
/// The createConversation action. Once the conversation is committed, the participants' inbox entries are written
/// before the answer, so a conversation is listed for its participants as soon as its creator has the id (the one
/// place where inbox rows do not merely follow within milliseconds). The event's fan-out writes them again only
/// where this did not: after a crash, a failed write, or on another server.
/// </summary>
public sealed class CreateConversationHandler(
    IConversationStore conversations, IInboxStore inbox, IEventPublisher events, TimeProvider clock, DirectBlocks blocks)
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
        if (await blocks.CheckAsync(caller.UserId ?? user1, user1, user2, cancellationToken) is { } blocked)
        {
            return blocked;
        }

        DateTimeOffset now = clock.GetUtcNow();
        Conversation conversation = Conversation.StartDirect(ConversationId.New(now), user1, user2, caller.UserId, now);
        Result<ConversationCreated> stored = await conversations.CreateDirectAsync(conversation, MessagingEvent.NewId(now), cancellationToken);
        if (!stored.IsSuccess)
        {
            return stored;
        }
        await blocks.MarkNewAsync(user1, user2, cancellationToken); // a block made since the check

        try
        {
            await inbox.AddConversationAsync(stored.Value, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Committed all the same: answering with an error would have the client retry into "already exists".
            // The event's fan-out (ConversationCreatedFanOut) writes the entries; the outbox guarantees it runs.
        }
        await events.PublishAsync(stored.Value, cancellationToken);
        return stored;
    }
}
