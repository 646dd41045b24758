using Messaging.Core.Events;

namespace Messaging.Core.Reads;

/// <summary>A participant's read cursor moved forward to <paramref name="ReadSeq"/>.</summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="OccurredAt">When the cursor moved (= <paramref name="ReadAt"/>).</param>
/// <param name="User">Who read.</param>
/// <param name="ReadSeq">The sequence number read up to.</param>
/// <param name="ReadAt">When.</param>
/// <param name="Participants">The conversation's participants, so fan-out needs no extra read.</param>
public sealed record MessageRead(
    string EventId, string ConversationId, DateTimeOffset OccurredAt, string User, long ReadSeq, DateTimeOffset ReadAt, IReadOnlyList<string> Participants)
    : MessagingEvent(EventId, ConversationId, OccurredAt)
{
    /// <summary>Read in a group (see <see cref="Messages.MessageSent.IsGroup"/>).</summary>
    public bool IsGroup { get; init; }

    /// <summary>How many messages this move covered that the user's cursor had not (from where they could first read, for a member added later).</summary>
    public long MessagesSinceLastRead { get; init; }

    public override DownstreamEvent ToDownstream() => new("messageRead", new MessageReadData(
        Messages.MessageId.Format(ConversationId, ReadSeq), User, ReadAt, ConversationId, MessagesSinceLastRead));
}

/// <summary>The downstream <c>messageRead</c>: <paramref name="ReadBy"/> has read everything up to and including <paramref name="MessageId"/>.</summary>
public sealed record MessageReadData(string MessageId, string ReadBy, DateTimeOffset ReadAt, string ConversationId, long MessagesSinceLastRead);
