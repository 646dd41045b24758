using Messaging.Core.Events;
using Messaging.Core.Realtime;

namespace Messaging.Core.Delivery;

/// <summary>
/// A moved delivered cursor: the other participants are told (the senders among them update their ticks). Nothing
/// stored changes: inbox entries count reads, not deliveries.
/// </summary>
public sealed class MessageDeliveredFanOut : EventFanOut<MessageDelivered>
{
    protected override Task<IReadOnlyList<Notification>> FanOutAsync(MessageDelivered published, CancellationToken cancellationToken)
    {
        var receipt = new DeliveryReceipt(published.ConversationId, published.User, published.DeliveredSeq, published.DeliveredAt);
        return Task.FromResult<IReadOnlyList<Notification>>([.. published.Participants
            .Where(user => !string.Equals(user, published.User, StringComparison.Ordinal))
            .Select(user => new Notification(user, RealtimeEvents.MessageDelivered, receipt))]);
    }
}
