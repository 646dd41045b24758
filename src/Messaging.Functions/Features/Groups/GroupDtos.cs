using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Groups;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Groups;

/// <summary>The body of <c>createGroupConversation</c>; <see cref="Creator"/> defaults to the caller.</summary>
public sealed record CreateGroupRequest
{
    public string? Creator { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string>? Members { get; init; }

    public string? Category { get; init; }
}

/// <summary>The body of <c>addMembers</c> and <c>removeMembers</c>; <see cref="Actor"/> defaults to the caller.</summary>
public sealed record MembersRequest
{
    public required string ConversationId { get; init; }

    public string? Actor { get; init; }

    public IReadOnlyList<string>? Members { get; init; }
}

/// <summary>The body of <c>setMemberRole</c>.</summary>
public sealed record SetMemberRoleRequest
{
    public required string ConversationId { get; init; }

    public string? Actor { get; init; }

    public string? Member { get; init; }

    public string? Role { get; init; }
}

/// <summary>The body of <c>updateConversation</c>.</summary>
public sealed record UpdateConversationRequest
{
    public required string ConversationId { get; init; }

    public string? Actor { get; init; }

    public string? Title { get; init; }
}

/// <summary>The body of <c>leaveConversation</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record LeaveConversationRequest
{
    public required string ConversationId { get; init; }

    public string? User { get; init; }
}

/// <summary>The body of <c>_getMembers</c>.</summary>
public sealed record GetMembersRequest
{
    public required string ConversationId { get; init; }
}

public sealed record ParticipantsResponse([property: JsonPropertyName("participants")] IReadOnlyList<string> Participants);

/// <summary>A member as <c>_getMembers</c> and <c>setMemberRole</c> return it.</summary>
public sealed record MemberDto(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("joinedAt")] string JoinedAt)
{
    public static MemberDto From(Member member) => new(member.User, GroupRules.RoleName(member.Role), Iso.Format(member.JoinedAt));
}

/// <summary>
/// The argument of <c>membersChanged</c> and <c>conversationUpdated</c>: what changed (<c>change</c>, the system
/// message's <c>event</c>), by whom, concerning whom, and the conversation after it (<c>deleted</c> once nobody is left).
/// </summary>
public sealed record ConversationChangedDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("members")] IReadOnlyList<string> Members,
    [property: JsonPropertyName("removed")] IReadOnlyList<string> Removed,
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("conversation")] ConversationDto Conversation,
    [property: JsonPropertyName("message")] MessageDto Message)
{
    public static ConversationChangedDto From(ConversationChanged changed) => new(
        changed.ConversationId, changed.Change, changed.SystemMessage.Sender, changed.SystemMessage.Members ?? [], changed.Removed,
        changed.Deleted, ConversationDto.From(changed.Conversation), MessageDto.From(changed.SystemMessage));
}
