using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Deleting;

/// <summary>A deletion: whatever else held the text is erased, inbox previews of it are cleared, and everyone is told.</summary>
public sealed class MessageDeletedFanOut(IMessageDeleteStore store, IInboxStore inbox) : EventFanOut<MessageDeleted>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageDeleted published, CancellationToken cancellationToken)
    {
        await store.EraseAsync(published.ConversationId, published.Message.Seq, cancellationToken);
        if (published.IsLatest)
        {
            await FanOutWrites.ForEachAsync(published.Participants, (user, ct) =>
                new ValueTask(inbox.RefreshPreviewAsync(user, published.ConversationId, published.Message.Seq, string.Empty, ct)), cancellationToken);
        }
        return [.. published.Participants.Select(user => new Notification(user, RealtimeEvents.MessageDeleted, new MessageDeletion(published.Message)))];
    }
}

/// <summary>The <c>messageDeleted</c> event's argument: the tombstone, with who deleted it.</summary>
public sealed record MessageDeletion(Messages.Message Tombstone);
