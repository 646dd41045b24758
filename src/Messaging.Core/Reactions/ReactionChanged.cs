using System.Text.Json.Serialization;
using Messaging.Core.Events;

namespace Messaging.Core.Reactions;

/// <summary><paramref name="User"/> added (or took back) their <paramref name="Emoji"/> reaction to message <paramref name="MessageSeq"/>.</summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="OccurredAt">When; for an addition, also when the reaction was made (its place among the emoji's reactors).</param>
/// <param name="MessageSeq">The message's sequence number.</param>
/// <param name="Emoji">The reaction.</param>
/// <param name="User">Who reacted.</param>
/// <param name="Added">True when added, false when taken back.</param>
/// <param name="Participants">Who can see the message (in a group, the members who joined before it), so fan-out needs no read.</param>
public sealed record ReactionChanged(
    string EventId, string ConversationId, DateTimeOffset OccurredAt, long MessageSeq, string Emoji, string User, bool Added, IReadOnlyList<string> Participants)
    : MessagingEvent(EventId, ConversationId, OccurredAt)
{
    [JsonIgnore]
    public string MessageId => Messages.MessageId.Format(ConversationId, MessageSeq);

    /// <summary>The conversation's revision this change made (see <see cref="Sync.Revision"/>).</summary>
    public long Revision { get; init; }

    public override DownstreamEvent ToDownstream() => Added
        ? new("reactionAdded", new ReactionAddedData(MessageId, ConversationId, Emoji, User, OccurredAt))
        : new("reactionRemoved", new ReactionRemovedData(MessageId, ConversationId, Emoji, User, OccurredAt));
}

/// <summary>The downstream <c>reactionAdded</c>.</summary>
public sealed record ReactionAddedData(string MessageId, string ConversationId, string Emoji, string ReactedBy, DateTimeOffset ReactedAt);

/// <summary>The downstream <c>reactionRemoved</c>: <paramref name="RemovedBy"/> took their reaction back.</summary>
public sealed record ReactionRemovedData(string MessageId, string ConversationId, string Emoji, string RemovedBy, DateTimeOffset RemovedAt);
