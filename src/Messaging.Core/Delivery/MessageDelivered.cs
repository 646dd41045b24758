using Messaging.Core.Events;

namespace Messaging.Core.Delivery;

/// <summary>A participant's delivered cursor moved forward to <paramref name="DeliveredSeq"/>.</summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="OccurredAt">When the cursor moved (= <paramref name="DeliveredAt"/>).</param>
/// <param name="User">Whose devices have the messages.</param>
/// <param name="DeliveredSeq">The sequence number delivered up to.</param>
/// <param name="DeliveredAt">When.</param>
/// <param name="Participants">The conversation's participants, so fan-out needs no extra read.</param>
public sealed record MessageDelivered(
    string EventId, string ConversationId, DateTimeOffset OccurredAt, string User, long DeliveredSeq, DateTimeOffset DeliveredAt, IReadOnlyList<string> Participants)
    : MessagingEvent(EventId, ConversationId, OccurredAt)
{
    /// <summary>Delivered in a group (see <see cref="Messages.MessageSent.IsGroup"/>).</summary>
    public bool IsGroup { get; init; }

    public override DownstreamEvent ToDownstream() => new("messageDelivered", new MessageDeliveredData(
        Messages.MessageId.Format(ConversationId, DeliveredSeq), User, DeliveredAt, ConversationId));
}

/// <summary>The downstream <c>messageDelivered</c>: <paramref name="DeliveredTo"/>'s device has everything up to and including <paramref name="MessageId"/>.</summary>
public sealed record MessageDeliveredData(string MessageId, string DeliveredTo, DateTimeOffset DeliveredAt, string ConversationId);

/// <summary>The <c>messageDelivered</c> notification: <paramref name="User"/> has the messages up to <paramref name="DeliveredSeq"/>.</summary>
public sealed record DeliveryReceipt(string ConversationId, string User, long DeliveredSeq, DateTimeOffset DeliveredAt);
