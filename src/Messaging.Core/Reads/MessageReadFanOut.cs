using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Reads;

/// <summary>A moved read cursor: the reader's inbox entry follows, and the other participants get a receipt.</summary>
public sealed class MessageReadFanOut(IInboxStore inbox) : EventFanOut<MessageRead>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageRead published, CancellationToken cancellationToken)
    {
        await inbox.ApplyReadAsync(published, cancellationToken);
        var receipt = new ReadReceipt(published.ConversationId, published.User, published.ReadSeq, published.ReadAt);
        return [.. published.Participants
            .Where(user => !string.Equals(user, published.User, StringComparison.Ordinal))
            .Select(user => new Notification(user, RealtimeEvents.MessageRead, receipt))];
    }
}
