using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;

namespace Messaging.Core.Groups;

/// <summary>
/// The createGroupConversation action: the group, with its event, in one transaction. Members' inbox entries follow
/// through the event's fan-out within milliseconds (a large group's entries are not written inside the request).
/// </summary>
public sealed class CreateGroupHandler(IGroupStore groups, IEventPublisher events, TimeProvider clock)
{
    public async Task<Result<ConversationCreated>> HandleAsync(Caller caller, CreateGroupConversation command, CancellationToken cancellationToken)
    {
        Result<string> creator = caller.ActAs(command.Creator, "creator");
        if (!creator.IsSuccess)
        {
            return creator.Error;
        }
        if ((InputRules.CheckTitle(command.Title, "title")
            ?? InputRules.CheckUserIds(command.Members, "members")
            ?? (command.Category is null ? null : InputRules.CheckCategory(command.Category, "category"))) is { } invalid)
        {
            return invalid;
        }

        DateTimeOffset now = clock.GetUtcNow();
        Conversation group = Conversation.StartGroup(ConversationId.New(now), creator.Value, command.Members!, command.Title!, command.Category, now);
        if (group.Members.Count < 2)
        {
            return Error.Invalid("members must name at least one user besides the creator.");
        }
        if (GroupRules.CheckMemberIds(group.Members) is { } tooMany)
        {
            return tooMany;
        }
        var created = ConversationCreated.For(group, MessagingEvent.NewId(now));
        await groups.CreateAsync(group, created, cancellationToken);
        await events.PublishAsync(created, cancellationToken);
        return Result<ConversationCreated>.Ok(created);
    }
}
