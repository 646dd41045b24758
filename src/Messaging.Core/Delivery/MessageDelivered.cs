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
}

/// <summary>The <c>messageDelivered</c> notification: <paramref name="User"/> has the messages up to <paramref name="DeliveredSeq"/>.</summary>
public sealed record DeliveryReceipt(string ConversationId, string User, long DeliveredSeq, DateTimeOffset DeliveredAt);
