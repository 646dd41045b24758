namespace Messaging.Core.Conversations;

/// <summary>A member's role in a group; direct conversations have members only.</summary>
public enum MemberRole
{
    Member,
    Admin,
}

/// <summary>
/// A participant of a conversation. <paramref name="FromSeq"/> is the first message they may see: 1 for those
/// who were there from the start, the <c>membersAdded</c> system message's sequence number for those added later.
/// </summary>
public sealed record Member(string User, MemberRole Role, DateTimeOffset JoinedAt, long FromSeq);
