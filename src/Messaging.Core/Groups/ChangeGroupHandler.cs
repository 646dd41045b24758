using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;

namespace Messaging.Core.Groups;

/// <summary>
/// addMembers, removeMembers, setMemberRole, updateConversation and leaveConversation: read the group, apply the
/// rule (<see cref="GroupRules"/>), commit guarded by the header's version. A concurrent change (or send) fails the
/// commit; the group is then read again and the rule re-applied, so two admins removing each other at once end
/// with one of them removed and the other refused.
/// </summary>
public sealed class ChangeGroupHandler(
    IConversationStore conversations, IGroupStore groups, IEventPublisher events, StripedLock locks, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    /// <summary>The group after the change (or as it is, when the change changed nothing); null once it is deleted.</summary>
    public async Task<Result<Conversation?>> HandleAsync(Caller caller, GroupChange command, CancellationToken cancellationToken)
    {
        Result<string> actor = caller.ActAs(command.Actor, command is LeaveConversation ? "user" : "actor");
        if (!actor.IsSuccess)
        {
            return actor.Error;
        }
        if (GroupRules.CheckInput(command) is { } invalid)
        {
            return invalid;
        }
        if (!ConversationId.IsWellFormed(command.ConversationId))
        {
            return Error.NotFound("Conversation");
        }

        using IDisposable turn = await locks.AcquireAsync(command.ConversationId, cancellationToken);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Conversation? group = await conversations.FindAsync(command.ConversationId, cancellationToken);
            if (group is null)
            {
                return Error.NotFound("Conversation");
            }
            if (!group.IsGroup)
            {
                return Error.Invalid(command is LeaveConversation
                    ? "Only a group can be left."
                    : "A direct conversation has exactly its two users: create a group to talk with more.");
            }
            if (!group.HasMember(actor.Value))
            {
                return Error.Forbidden(command is LeaveConversation ? "user is not a member of this conversation." : "actor is not a member of this conversation.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            Result<GroupRules.Outcome?> outcome = GroupRules.Apply(group, actor.Value, command, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Error;
            }
            if (outcome.Value is not { } change)
            {
                return Result<Conversation?>.Ok(group);
            }
            var changed = ConversationChanged.For(change.Next, change.SystemMessage, change.Change, change.Removed, MessagingEvent.NewId(now));
            Result<ConversationChanged> stored = await groups.ChangeAsync(change.Next, group.Version!, changed, cancellationToken);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(changed, cancellationToken);
                return Result<Conversation?>.Ok(change.Next.Deleted ? null : change.Next);
            }
            if (stored.Error.Kind != ErrorKind.Conflict)
            {
                return stored.Error;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
        }
        return Error.Conflict("The group is busy; try again.");
    }
}
