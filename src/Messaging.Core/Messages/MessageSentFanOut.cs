using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Messages;

/// <summary>A new message: every participant's inbox moves forward, and every participant is notified.</summary>
public sealed class MessageSentFanOut(IInboxStore inbox) : EventFanOut<MessageSent>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageSent published, CancellationToken cancellationToken)
    {
        await FanOutWrites.ForEachAsync(published.Participants, (user, ct) => new ValueTask(inbox.ApplyMessageAsync(user, published, ct)), cancellationToken);
        // Everyone, the sender included: their other devices show the message too.
        return [.. published.Participants.Select(user => new Notification(user, RealtimeEvents.NewMessage, published.Message))];
    }
}
