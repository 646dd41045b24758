using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Groups;

/// <summary>
/// A group change: members' inbox entries follow it, removed users' entries are hidden, and a deleted group's rows
/// are purged. Members get the system message as <c>newMessage</c>; everyone affected, the removed included, gets
/// <c>membersChanged</c> (or <c>conversationUpdated</c> for a new title).
/// </summary>
public sealed class ConversationChangedFanOut(IInboxStore inbox, IConversationStore conversations) : EventFanOut<ConversationChanged>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(ConversationChanged published, CancellationToken cancellationToken)
    {
        await FanOutWrites.ForEachAsync(published.Members.Select(m => m.User), (user, ct) => new ValueTask(inbox.ApplyChangeAsync(user, published, ct)), cancellationToken);
        await FanOutWrites.ForEachAsync(published.Removed, (user, ct) => new ValueTask(inbox.HideAsync(user, published.ConversationId, published.SystemMessage.Seq, ct)), cancellationToken);
        if (published.Deleted)
        {
            await conversations.PurgeAsync(published.ConversationId, cancellationToken);
        }
        string name = published.Change == GroupChanges.TitleChanged ? RealtimeEvents.ConversationUpdated : RealtimeEvents.MembersChanged;
        return
        [
            .. published.Members.Select(m => new Notification(m.User, RealtimeEvents.NewMessage, published.SystemMessage)),
            .. published.Audience.Select(user => new Notification(user, name, published)),
        ];
    }
}
