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

    /// <summary>Everyone who must hear of it: the members after the change and those it removed.</summary>
    [JsonIgnore]
    public IEnumerable<string> Audience => Members.Select(m => m.User).Concat(Removed).Distinct(StringComparer.Ordinal);
}
