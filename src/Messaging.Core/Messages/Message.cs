using System.Text.Json.Serialization;

namespace Messaging.Core.Messages;

/// <summary>A message, the <paramref name="Seq"/>-th of its conversation.</summary>
/// <remarks>
/// A system message records a change to a group (<see cref="SystemEvent"/>, e.g. <c>membersAdded</c>): its
/// sender is the user who made the change, its content a readable summary, and <see cref="Members"/> the users
/// it concerns. A deleted message stays in the sequence as a tombstone: sender and time only (<see cref="IsDeleted"/>).
/// </remarks>
public sealed record Message(string ConversationId, long Seq, string Sender, string Content, DateTimeOffset SentAt)
{
    public string Id => MessageId.Format(ConversationId, Seq);

    /// <summary>What changed, for a system message; null for a user's message.</summary>
    public string? SystemEvent { get; init; }

    /// <summary>The users a system message concerns.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    [JsonIgnore]
    public bool IsSystem => SystemEvent is not null;

    /// <summary>The application's label for what the message is (<see cref="MessageTypes"/>); <c>system</c> for a system message.</summary>
    public string Type { get; init; } = MessageTypes.Text;

    /// <summary>An application-defined JSON object, as compact JSON text; null when none was sent.</summary>
    public string? Payload { get; init; }

    /// <summary>Files the message refers to (metadata only); empty when none.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>The message this one answers, as it stood when last seen; null when it answers none.</summary>
    public ReplyPreview? ReplyTo { get; init; }

    /// <summary>When the content was last edited; null when never.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>Reactions, one entry per emoji in the order each was first used.</summary>
    public IReadOnlyList<ReactionSummary> Reactions { get; init; } = [];

    /// <summary>When the message was deleted; null while it stands.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Who deleted it: its sender or a group admin.</summary>
    public string? DeletedBy { get; init; }

    [JsonIgnore]
    public bool IsDeleted => DeletedAt is not null;

    /// <summary>The sequence numbers of the replies to it, so that an edit or delete can bring their previews up to date.</summary>
    [JsonIgnore]
    public IReadOnlyList<long> Replies { get; init; } = [];

    /// <summary>How many times it was edited: the number of earlier versions kept.</summary>
    [JsonIgnore]
    public int EditCount { get; init; }

    /// <summary>
    /// How far the message has got with the other members (sent, delivered, read), worked out for its sender by a
    /// query from the members' cursors. Null where nobody worked it out; never stored or sent in events.
    /// </summary>
    [JsonIgnore]
    public MessageDelivery? Delivery { get; init; }

    /// <summary>What is left of a deleted message: who sent it when, and who deleted it when.</summary>
    public Message ToTombstone(DateTimeOffset deletedAt, string deletedBy) =>
        new(ConversationId, Seq, Sender, string.Empty, SentAt) { DeletedAt = deletedAt, DeletedBy = deletedBy, Replies = Replies };
}

/// <summary>A file a message refers to: where it is and what it is. The backend stores the metadata only.</summary>
public sealed record Attachment(string Url, string? Name, string? ContentType, long? Size);

/// <summary>
/// The message a reply answers: its sequence number, sender and the start of its text (<see cref="Preview"/>), or
/// <see cref="Deleted"/> with no text once it is deleted.
/// </summary>
public sealed record ReplyPreview(long Seq, string Sender, string? Preview, bool Deleted = false);

/// <summary>One emoji's reactions to a message: how many, and the first reactors (at most <see cref="MessagingLimits.ReactionUsersShown"/>).</summary>
public sealed record ReactionSummary(string Emoji, int Count, IReadOnlyList<string> Users);

/// <summary>
/// Where a message stands with the other members who can see it: <see cref="Status"/> is <c>sent</c>, <c>delivered</c>
/// (every delivered cursor has passed it) or <c>read</c> (every read cursor has); in a group, with how many of them
/// have it and have read it (null in a direct conversation, where the status says it all).
/// </summary>
public sealed record MessageDelivery(string Status, int? DeliveredCount, int? ReadCount)
{
    /// <summary>What a message just sent shows its sender: nobody else has it yet.</summary>
    public static MessageDelivery JustSent(bool inGroup) => inGroup ? new("sent", 0, 0) : new("sent", null, null);
}
