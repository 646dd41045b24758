using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Editing;

/// <summary>An edit: replies show the new text, inbox entries showing it as the last message follow, and everyone is told.</summary>
public sealed class MessageUpdatedFanOut(IMessageEditStore store, IInboxStore inbox) : EventFanOut<MessageUpdated>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageUpdated published, CancellationToken cancellationToken)
    {
        await store.RefreshRepliesAsync(published.ConversationId, published.Message.Seq, cancellationToken);
        if (published.IsLatest)
        {
            string preview = TextLength.Truncate(published.Message.Content, MessagingLimits.PreviewLength);
            await FanOutWrites.ForEachAsync(published.Participants, (user, ct) =>
                new ValueTask(inbox.RefreshPreviewAsync(user, published.ConversationId, published.Message.Seq, preview, ct)), cancellationToken);
        }
        return [.. published.Participants.Select(user => new Notification(user, RealtimeEvents.MessageUpdated, published.Message))];
    }
}
