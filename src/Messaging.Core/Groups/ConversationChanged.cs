using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Messages;

namespace Messaging.Core.Groups;

/// <summary>The kinds of group change, as system messages and events name them.</summary>
public static class GroupChanges
{
    public const string MembersAdded = "membersAdded";
    public const string MembersRemoved = "membersRemoved";
    public const string MemberLeft = "memberLeft";
    public const string RoleChanged = "roleChanged";
    public const string TitleChanged = "titleChanged";
}

/// <summary>
/// A group changed: its members, a role or its title. Carries the group as it is after the change and the system
/// message recording it, so fan-out needs no read. <paramref name="Removed"/> lost access with this change (they
/// are told, and their inbox entry goes); when nobody is left, the group is <paramref name="Deleted"/>.
/// </summary>
public sealed record ConversationChanged(
    string EventId,
    string ConversationId,
    DateTimeOffset OccurredAt,
    string Change,
    Message SystemMessage,
    string? Title,
    string? Category,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Member> Members,
    IReadOnlyList<string> Removed,
    bool Deleted)
    : MessagingEvent(EventId, ConversationId, OccurredAt)
{
    public static ConversationChanged For(Conversation after, Message systemMessage, string change, IReadOnlyList<string> removed, string eventId) =>
        new(eventId, after.Id, systemMessage.SentAt, change, systemMessage, after.Title, after.Category, after.CreatedBy, after.CreatedAt,
            after.Members, removed, after.Deleted);

    /// <summary>The group after the change, as queries return it.</summary>
    [JsonIgnore]
    public Conversation Conversation =>
        Conversation.Group(ConversationId, CreatedBy, CreatedAt, Members, Title, Category) with
        {
            LastSeq = SystemMessage.Seq,
            LastMessageAt = SystemMessage.SentAt,
            LastSender = SystemMessage.Sender,
            LastPreview = TextLength.Truncate(SystemMessage.Content, MessagingLimits.PreviewLength),
        };

    /// <summary>
    /// One downstream type per kind of change, so subscriptions can filter on it. The member list after the change is
    /// not repeated: with the event's own lists it could push a 1,000-member group's event past a Standard message.
    /// </summary>
    public override DownstreamEvent ToDownstream()
    {
        string actor = SystemMessage.Sender;
        IReadOnlyList<string> users = SystemMessage.Members ?? [];
        return Change switch
        {
            GroupChanges.MembersAdded => new("membersAdded", new MembersAddedData(ConversationId, actor, users, SystemMessage.Id)),
            GroupChanges.MembersRemoved => new("membersRemoved", new MembersRemovedData(ConversationId, actor, users, Deleted, SystemMessage.Id)),
            GroupChanges.MemberLeft => new("memberLeft", new MemberLeftData(ConversationId, actor, Deleted, SystemMessage.Id)),
            GroupChanges.RoleChanged => new("memberRoleChanged", new MemberRoleChangedData(
                ConversationId, actor, users[0], Members.FirstOrDefault(m => m.User == users[0])?.Role ?? MemberRole.Member, SystemMessage.Id)),
            GroupChanges.TitleChanged => new("conversationTitleChanged", new ConversationTitleChangedData(ConversationId, actor, Title, SystemMessage.Id)),
            _ => throw new InvalidOperationException($"Unknown group change '{Change}'."),
        };
    }

    /// <summary>Everyone who must hear of it: the members after the change and those it removed.</summary>
    [JsonIgnore]
    public IEnumerable<string> Audience => Members.Select(m => m.User).Concat(Removed).Distinct(StringComparer.Ordinal);
}

/// <summary>The downstream <c>membersAdded</c>: <paramref name="MessageId"/> is the system message recording it.</summary>
public sealed record MembersAddedData(string ConversationId, string AddedBy, IReadOnlyList<string> UserIds, string MessageId);

/// <summary>The downstream <c>membersRemoved</c>: <paramref name="ConversationDeleted"/> when nobody is left.</summary>
public sealed record MembersRemovedData(string ConversationId, string RemovedBy, IReadOnlyList<string> UserIds, bool ConversationDeleted, string MessageId);

/// <summary>The downstream <c>memberLeft</c>: <paramref name="ConversationDeleted"/> when nobody is left.</summary>
public sealed record MemberLeftData(string ConversationId, string UserId, bool ConversationDeleted, string MessageId);

/// <summary>The downstream <c>memberRoleChanged</c>: <paramref name="UserId"/>'s role is now <paramref name="Role"/>.</summary>
public sealed record MemberRoleChangedData(string ConversationId, string ChangedBy, string UserId, MemberRole Role, string MessageId);

/// <summary>The downstream <c>conversationTitleChanged</c>.</summary>
public sealed record ConversationTitleChangedData(string ConversationId, string ChangedBy, string? Title, string MessageId);
