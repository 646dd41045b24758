using Messaging.Core.Concurrency;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Conversations;

/// <summary>Delete a conversation: in a group, an admin may; in a direct conversation, either participant.</summary>
public sealed record DeleteConversation(string ConversationId, string? Actor);

/// <summary>
/// The deleteConversation action: one version-guarded write marks the header deleted (queries answer 404 and sends
/// are refused from then on) with its event; the event's fan-out hides the participants' entries and purges the
/// rows in bounded batches, outside the request.
/// </summary>
public sealed class DeleteConversationHandler(IConversationStore conversations, IEventPublisher events, StripedLock locks, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public async Task<Result<ConversationDeleted>> HandleAsync(Caller caller, DeleteConversation command, CancellationToken cancellationToken)
    {
        Result<string> actor = caller.ActAs(command.Actor, "actor");
        if (!actor.IsSuccess)
        {
            return actor.Error;
        }
        if (!ConversationId.IsWellFormed(command.ConversationId))
        {
            return Error.NotFound("Conversation");
        }
        using IDisposable turn = await locks.AcquireAsync(command.ConversationId, cancellationToken);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Conversation? conversation = await conversations.FindAsync(command.ConversationId, cancellationToken);
            if (conversation is null)
            {
                return Error.NotFound("Conversation");
            }
            if (!conversation.HasMember(actor.Value))
            {
                return Error.Forbidden("actor is not a participant of this conversation.");
            }
            if (conversation.IsGroup && !conversation.IsAdmin(actor.Value))
            {
                return Error.Forbidden("Only the group's admins can delete it.");
            }
            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            var deleted = new ConversationDeleted(MessagingEvent.NewId(now), conversation.Id, now, actor.Value, conversation.Participants, conversation.LastSeq);
            Result<ConversationDeleted> stored = await conversations.DeleteAsync(conversation, conversation.Version!, deleted, cancellationToken);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(deleted, cancellationToken);
                return stored;
            }
            if (stored.Error.Kind != ErrorKind.Conflict)
            {
                return stored.Error;
            }
        }
        return Error.Conflict("The conversation is busy; try again.");
    }
}

/// <summary>A deleted conversation: every participant's entry is hidden and they are told; its rows are purged.</summary>
public sealed class ConversationDeletedFanOut(IInboxStore inbox, IConversationStore conversations) : EventFanOut<ConversationDeleted>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(ConversationDeleted published, CancellationToken cancellationToken)
    {
        // One past its last message: a late message event (ordered before this one) cannot show the entry again.
        await FanOutWrites.ForEachAsync(published.Participants, (user, ct) => new ValueTask(inbox.HideAsync(user, published.ConversationId, published.LastSeq + 1, ct)), cancellationToken);
        await conversations.PurgeAsync(published.ConversationId, cancellationToken);
        return [.. published.Participants.Select(user => new Notification(user, RealtimeEvents.ConversationDeleted, published))];
    }
}
