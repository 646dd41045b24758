using Messaging.Core.Blocking;
using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Reactions;

/// <summary>
/// addReaction and removeReaction. A reaction's row and the message's summary change in one transaction guarded by the
/// message's ETag, so racing reactions (on any number of servers) each re-read and retry rather than lose one another;
/// inside one server they queue on the message's lock and rarely race at all. Adding a reaction the user already made,
/// or removing one they did not, changes nothing and publishes nothing.
/// </summary>
public sealed class ReactionHandler(IReactionStore reactions, IEventPublisher events, StripedLock locks, TimeProvider clock)
{
    /// <summary>How often a reaction is retried after losing the race for the message before giving up with a conflict.</summary>
    public const int MaxAttempts = 50;

    public Task<Result<Message>> HandleAsync(Caller caller, AddReaction command, CancellationToken cancellationToken) =>
        ChangeAsync(caller, command.MessageId, command.User, command.Emoji, add: true, cancellationToken);

    public Task<Result<Message>> HandleAsync(Caller caller, RemoveReaction command, CancellationToken cancellationToken) =>
        ChangeAsync(caller, command.MessageId, command.User, command.Emoji, add: false, cancellationToken);

    private async Task<Result<Message>> ChangeAsync(
        Caller caller, string messageId, string? claimedUser, string? emoji, bool add, CancellationToken cancellationToken)
    {
        Result<string> actor = caller.ActAs(claimedUser, "user");
        if (!actor.IsSuccess)
        {
            return actor.Error;
        }
        if (Emoji.Check(emoji, "emoji") is { } invalid)
        {
            return invalid;
        }
        if (!MessageId.TryParse(messageId, out string conversationId, out long seq))
        {
            return Error.NotFound("Message");
        }
        string user = actor.Value;

        using IDisposable turn = await locks.AcquireAsync(MessageId.Format(conversationId, seq), cancellationToken);
        return await RaceRetry.UntilDecidedAsync(MaxAttempts, "The message is busy; try again.", async ct =>
        {
            ReactionContext? context = await reactions.LoadAsync(conversationId, seq, emoji!, user, ct);
            if (context is null)
            {
                return Error.NotFound("Message");
            }
            Conversation conversation = context.Conversation;
            if (conversation.MemberOf(user) is not { } member)
            {
                return Error.Forbidden("user is not a participant of this conversation.");
            }
            // A message from before the member joined is one they cannot see: not found, as for a message that does not exist.
            if (context.Message is not { } message || seq < member.FromSeq)
            {
                return Error.NotFound("Message");
            }
            if (conversation.IsBlocked)
            {
                return BlockErrors.For(user, conversation.BlockedBy);
            }
            if (message.IsDeleted)
            {
                return Error.Conflict("The message was deleted; it can no longer be reacted to.");
            }
            if (context.Reacted == add)
            {
                return Result<Message>.Ok(message);
            }

            IReadOnlyList<ReactionSummary>? next;
            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            if (add)
            {
                next = ReactionSummaries.Add(message.Reactions, emoji!, user);
                if (next is null)
                {
                    return Error.Conflict($"The message already has {MessagingLimits.MaxDistinctReactions} different reactions; react with one of them.");
                }
                // Strictly after the previous reaction, whatever this server's clock says, so the time orders the
                // reactors as the summary does (it is what a refill sorts by).
                if (context.LastReactedAt is { } last && now <= last)
                {
                    now = last.AddMilliseconds(1);
                }
            }
            else
            {
                IReadOnlyList<string>? firstReactors = ReactionSummaries.NeedsRefill(message.Reactions, emoji!, user)
                    ? await reactions.FirstReactorsAsync(conversationId, seq, emoji!, user, MessagingLimits.ReactionUsersShown, ct)
                    : null;
                next = ReactionSummaries.Remove(message.Reactions, emoji!, user, firstReactors);
            }

            var change = new ReactionChanged(MessagingEvent.NewId(now), conversationId, now, seq, emoji!, user, add, conversation.WhoSees(seq))
            {
                Revision = context.Revision.Next,
            };
            Result<ReactionChanged> saved = await reactions.SaveAsync(change, next, context, ct);
            if (saved.IsSuccess)
            {
                // Still under the message's lock, so one server pushes a message's reaction changes in order.
                await events.PublishAsync(change, ct);
                return Result<Message>.Ok(message with { Reactions = next });
            }
            if (saved.Error.Kind == ErrorKind.Conflict)
            {
                return null; // a lost race: another server changed the message meanwhile; re-read
            }
            return saved.Error;
        }, cancellationToken);
    }

}
