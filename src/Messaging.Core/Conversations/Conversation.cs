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
    public string Participant1 => Participants[0];

    public string Participant2 => Participants[1];

    public bool HasMember(string user) => Participants.Contains(user, StringComparer.Ordinal);

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
        return (this with { LastSeq = message.Seq, LastMessageAt = sentAt }, message);
    }
}
