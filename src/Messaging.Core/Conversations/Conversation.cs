using Messaging.Core.Messages;

namespace Messaging.Core.Conversations;

/// <summary>
/// A conversation header: who is in it and where its message sequence stands.
/// </summary>
/// <param name="Id">See <see cref="ConversationId"/>.</param>
/// <param name="Kind">Direct or group.</param>
/// <param name="Participants">For a direct conversation, the two users in ordinal order.</param>
/// <param name="CreatedBy">The user who created it, when known.</param>
/// <param name="CreatedAt">When it was created (UTC, millisecond precision).</param>
/// <param name="LastSeq">The sequence number of the latest message; 0 when there is none.</param>
/// <param name="LastMessageAt">When the latest message was sent.</param>
/// <param name="Version">The store's concurrency token for this state (an ETag); null before it is stored.</param>
/// <remarks>
/// A group also carries its <see cref="Members"/> (roles and join points), <see cref="Title"/> and optional
/// <see cref="Category"/>; its <see cref="Participants"/> are the members' ids in ordinal order.
/// </remarks>
public sealed record Conversation(
    string Id,
    ConversationKind Kind,
    IReadOnlyList<string> Participants,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    long LastSeq,
    DateTimeOffset? LastMessageAt,
    string? Version)
{
    /// <summary>A group's title; null for direct conversations.</summary>
    public string? Title { get; init; }

    /// <summary>An application's label for the kind of conversation (e.g. <c>support</c>), given at creation.</summary>
    public string? Category { get; init; }

    /// <summary>A group's members, in the order they joined; empty for direct conversations (see <see cref="MemberOf"/>).</summary>
    public IReadOnlyList<Member> Members { get; init; } = [];

    /// <summary>Who sent the latest message, and the start of its text (<see cref="MessagingLimits.PreviewLength"/>).</summary>
    public string? LastSender { get; init; }

    public string? LastPreview { get; init; }

    /// <summary>A group whose last member left: gone for everyone, its rows being removed.</summary>
    public bool Deleted { get; init; }

    public string Participant1 => Participants[0];

    public string Participant2 => Participants[1];

    public bool IsGroup => Kind == ConversationKind.Group;

    public bool HasMember(string user) => Participants.Contains(user, StringComparer.Ordinal);

    /// <summary>The user's membership, or null when they are not a participant. Direct participants are members from the start.</summary>
    public Member? MemberOf(string user)
    {
        if (IsGroup)
        {
            return Members.FirstOrDefault(m => string.Equals(m.User, user, StringComparison.Ordinal));
        }
        return HasMember(user) ? new Member(user, MemberRole.Member, CreatedAt, 1) : null;
    }

    public bool IsAdmin(string user) => MemberOf(user)?.Role == MemberRole.Admin;

    /// <summary>
    /// Who can see message <paramref name="seq"/>, in ordinal order: everyone in a direct conversation; in a group, the
    /// members who were there when it was sent. Events about an existing message go to them only, so that a member who
    /// joined later learns nothing of what was said before.
    /// </summary>
    public IReadOnlyList<string> WhoSees(long seq) =>
        IsGroup ? [.. Members.Where(m => m.FromSeq <= seq).Select(m => m.User).Order(StringComparer.Ordinal)] : Participants;

    /// <summary>
    /// Starts a group: the creator is its admin, everyone else a member, and all of them see it from its first message.
    /// </summary>
    public static Conversation StartGroup(
        string id, string creator, IEnumerable<string> others, string title, string? category, DateTimeOffset now)
    {
        DateTimeOffset createdAt = Timestamps.ToMilliseconds(now);
        Member[] members =
        [
            new(creator, MemberRole.Admin, createdAt, 1),
            .. others.Where(u => !string.Equals(u, creator, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)
                .Select(u => new Member(u, MemberRole.Member, createdAt, 1)),
        ];
        return Group(id, creator, createdAt, members, title, category);
    }

    /// <summary>A group as stored: its participants follow from <paramref name="members"/>.</summary>
    public static Conversation Group(
        string id, string? createdBy, DateTimeOffset createdAt, IReadOnlyList<Member> members, string? title, string? category) =>
        new(id, ConversationKind.Group, ParticipantsOf(members), createdBy, createdAt, 0, null, null)
        {
            Title = title,
            Category = category,
            Members = members,
        };

    /// <summary>The same group with <paramref name="members"/> (participants follow).</summary>
    public Conversation WithMembers(IReadOnlyList<Member> members) =>
        this with { Members = members, Participants = ParticipantsOf(members) };

    private static string[] ParticipantsOf(IEnumerable<Member> members) =>
        [.. members.Select(m => m.User).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The participants of a direct conversation who block the other (see <c>Blocking</c>); empty when none does.
    /// Kept on the header so that a send, which has the header anyway, checks blocks without a read of its own.
    /// </summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];

    /// <summary>A block stands between the two participants of a direct conversation: neither may send. Groups are never blocked.</summary>
    public bool IsBlocked => Kind == ConversationKind.Direct && BlockedBy.Count > 0;

    /// <summary>
    /// Starts a direct conversation. Participants are canonicalized by ordinal order of their ids, so
    /// (alice, bob) and (bob, alice) are the same pair.
    /// </summary>
    public static Conversation StartDirect(string id, string user1, string user2, string? createdBy, DateTimeOffset now)
    {
        string[] pair = string.CompareOrdinal(user1, user2) <= 0 ? [user1, user2] : [user2, user1];
        return new Conversation(id, ConversationKind.Direct, pair, createdBy, Timestamps.ToMilliseconds(now), 0, null, null);
    }

    /// <summary>
    /// Appends a message: the next sequence number, sent at <paramref name="now"/> but never before the
    /// previous message, so <c>sentAt</c> is non-decreasing in sequence order even across servers whose clocks differ.
    /// </summary>
    public (Conversation Next, Message Message) Post(string sender, string content, DateTimeOffset now)
    {
        DateTimeOffset sentAt = Timestamps.ToMilliseconds(now);
        if (LastMessageAt is { } last && last > sentAt)
        {
            sentAt = last;
        }
        var message = new Message(Id, LastSeq + 1, sender, content, sentAt);
        return (this with
        {
            LastSeq = message.Seq,
            LastMessageAt = sentAt,
            LastSender = sender,
            LastPreview = TextLength.Truncate(content, MessagingLimits.PreviewLength),
        }, message);
    }

    /// <summary>Appends a system message recording <paramref name="systemEvent"/> by <paramref name="actor"/>.</summary>
    public (Conversation Next, Message Message) PostSystem(
        string actor, string systemEvent, IReadOnlyList<string> members, string summary, DateTimeOffset now)
    {
        (Conversation next, Message message) = Post(actor, summary, now);
        return (next, message with { SystemEvent = systemEvent, Members = members, Type = MessageTypes.System });
    }
}
