using System.Globalization;
using System.Text.Json;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Messages;

namespace Messaging.Core.Groups;

/// <summary>
/// What each group change does to a group, as pure functions of the group before it: the group after, the system
/// message recording it, and who lost access. Null when the change would change nothing (adding a member twice).
/// </summary>
public static class GroupRules
{
    public static readonly Error TooManyMembers = Error.Invalid(string.Create(CultureInfo.InvariantCulture,
        $"A group has at most {MessagingLimits.MaxGroupMembers:N0} members."));

    public static readonly Error MemberIdsTooLong = Error.Invalid(string.Create(CultureInfo.InvariantCulture,
        $"A group's member ids may take at most {MessagingLimits.MaxGroupMemberIdBytes:N0} bytes together (UTF-8): {MessagingLimits.MaxGroupMembers:N0} members with ids of up to {MessagingLimits.MaxGroupMemberIdBytes / MessagingLimits.MaxGroupMembers} characters, fewer with longer ids."));

    /// <summary>A user id's size as events store it: UTF-8, JSON-escaped the way <see cref="EventJson"/> writes it.</summary>
    public static int MemberIdBytes(string user) => JsonEncodedText.Encode(user, EventJson.Options.Encoder).EncodedUtf8Bytes.Length;

    /// <summary>Null when the members fit a group: at most <see cref="MessagingLimits.MaxGroupMembers"/>, with ids inside <see cref="MessagingLimits.MaxGroupMemberIdBytes"/>.</summary>
    public static Error? CheckMemberIds(IReadOnlyList<Member> members)
    {
        if (members.Count > MessagingLimits.MaxGroupMembers)
        {
            return TooManyMembers;
        }
        long bytes = 0;
        foreach (Member member in members)
        {
            bytes += MemberIdBytes(member.User);
        }
        return bytes > MessagingLimits.MaxGroupMemberIdBytes ? MemberIdsTooLong : null;
    }

    public sealed record Outcome(Conversation Next, Message SystemMessage, string Change, IReadOnlyList<string> Removed);

    /// <summary>Checks what a change asks for before any read: its fields' formats.</summary>
    public static Error? CheckInput(GroupChange change) => change switch
    {
        AddMembers add => InputRules.CheckUserIds(add.Members, "members"),
        RemoveMembers remove => InputRules.CheckUserIds(remove.Members, "members"),
        SetMemberRole role => role.Member is null ? Error.Invalid("member is required.")
            : InputRules.CheckUserId(role.Member, "member") ?? (ParseRole(role.Role) is null ? Error.Invalid("role must be \"admin\" or \"member\".") : null),
        UpdateConversation update => InputRules.CheckTitle(update.Title, "title"),
        _ => null,
    };

    /// <summary>Applies <paramref name="change"/> by <paramref name="actor"/>, who is a member of <paramref name="group"/>.</summary>
    public static Result<Outcome?> Apply(Conversation group, string actor, GroupChange change, DateTimeOffset now)
    {
        if (change is not LeaveConversation && !group.IsAdmin(actor))
        {
            return Error.Forbidden("Only the group's admins can do this.");
        }
        return change switch
        {
            AddMembers add => Add(group, actor, add.Members!, now),
            RemoveMembers remove => Remove(group, actor, remove.Members!, now),
            SetMemberRole role => SetRole(group, actor, role.Member!, ParseRole(role.Role)!.Value, now),
            UpdateConversation update => Rename(group, actor, update.Title!, now),
            LeaveConversation => Leave(group, actor, now),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
    }

    public static MemberRole? ParseRole(string? role) => role switch
    {
        "admin" => MemberRole.Admin,
        "member" => MemberRole.Member,
        _ => null,
    };

    public static string RoleName(MemberRole role) => role == MemberRole.Admin ? "admin" : "member";

    private static Result<Outcome?> Add(Conversation group, string actor, IReadOnlyList<string> users, DateTimeOffset now)
    {
        string[] added = [.. users.Distinct(StringComparer.Ordinal).Where(u => !group.HasMember(u))];
        if (added.Length == 0)
        {
            return Result<Outcome?>.Ok(null);
        }
        (Conversation next, Message message) = group.PostSystem(actor, GroupChanges.MembersAdded, added, $"{actor} added {Names(added)}", now);
        // They see the conversation from this message on, not what was said before they joined.
        next = next.WithMembers([.. group.Members, .. added.Select(u => new Member(u, MemberRole.Member, message.SentAt, message.Seq))]);
        if (CheckMemberIds(next.Members) is { } tooLong)
        {
            return tooLong;
        }
        return Result<Outcome?>.Ok(new Outcome(next, message, GroupChanges.MembersAdded, []));
    }

    private static Result<Outcome?> Remove(Conversation group, string actor, IReadOnlyList<string> users, DateTimeOffset now)
    {
        if (users.Contains(actor, StringComparer.Ordinal))
        {
            return Error.Invalid("To remove yourself from a group, use leaveConversation.");
        }
        string[] removed = [.. users.Distinct(StringComparer.Ordinal).Where(group.HasMember)];
        if (removed.Length == 0)
        {
            return Result<Outcome?>.Ok(null);
        }
        (Conversation next, Message message) = group.PostSystem(actor, GroupChanges.MembersRemoved, removed, $"{actor} removed {Names(removed)}", now);
        next = next.WithMembers([.. group.Members.Where(m => !removed.Contains(m.User, StringComparer.Ordinal))]);
        return Result<Outcome?>.Ok(new Outcome(next, message, GroupChanges.MembersRemoved, removed));
    }

    private static Result<Outcome?> SetRole(Conversation group, string actor, string user, MemberRole role, DateTimeOffset now)
    {
        Member? member = group.MemberOf(user);
        if (member is null)
        {
            return Error.Invalid("member is not a member of this conversation.");
        }
        if (member.Role == role)
        {
            return Result<Outcome?>.Ok(null);
        }
        if (role == MemberRole.Member && group.Members.Count(m => m.Role == MemberRole.Admin) == 1)
        {
            return Error.Invalid("A group needs an admin: make another member admin first.");
        }
        (Conversation next, Message message) = group.PostSystem(actor, GroupChanges.RoleChanged, [user], $"{actor} made {user} {RoleName(role)}", now);
        next = next.WithMembers([.. group.Members.Select(m => m.User == user ? m with { Role = role } : m)]);
        return Result<Outcome?>.Ok(new Outcome(next, message, GroupChanges.RoleChanged, []));
    }

    private static Result<Outcome?> Rename(Conversation group, string actor, string title, DateTimeOffset now)
    {
        if (string.Equals(group.Title, title, StringComparison.Ordinal))
        {
            return Result<Outcome?>.Ok(null);
        }
        (Conversation next, Message message) = group.PostSystem(actor, GroupChanges.TitleChanged, [], $"{actor} changed the title to \"{title}\"", now);
        return Result<Outcome?>.Ok(new Outcome(next with { Title = title }, message, GroupChanges.TitleChanged, []));
    }

    /// <summary>
    /// The last admin to leave hands the role to the longest-standing member; the last member to leave deletes the group.
    /// </summary>
    private static Result<Outcome?> Leave(Conversation group, string user, DateTimeOffset now)
    {
        (Conversation next, Message message) = group.PostSystem(user, GroupChanges.MemberLeft, [user], $"{user} left", now);
        List<Member> remaining = [.. group.Members.Where(m => m.User != user)];
        if (remaining.Count > 0 && !remaining.Any(m => m.Role == MemberRole.Admin))
        {
            // Members are kept in join order, so the first is the longest-standing (ties at creation: the creator's list order).
            remaining[0] = remaining[0] with { Role = MemberRole.Admin };
        }
        next = next.WithMembers(remaining) with { Deleted = remaining.Count == 0 };
        return Result<Outcome?>.Ok(new Outcome(next, message, GroupChanges.MemberLeft, [user]));
    }

    /// <summary>A readable list of users for a system message's text, short even for a thousand of them.</summary>
    private static string Names(string[] users) => users.Length switch
    {
        1 => users[0],
        <= 3 => string.Join(", ", users.Take(users.Length - 1)) + " and " + users[^1],
        _ => string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", users.Take(2))} and {users.Length - 2} others"),
    };
}
