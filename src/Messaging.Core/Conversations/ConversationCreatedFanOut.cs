using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Conversations;

/// <summary>A new conversation: every participant gets an inbox entry and a <c>conversationCreated</c> notification.</summary>
public sealed class ConversationCreatedFanOut(IInboxStore inbox) : EventFanOut<ConversationCreated>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(ConversationCreated published, CancellationToken cancellationToken)
    {
        await inbox.AddConversationAsync(published, cancellationToken);
        return [.. published.Participants.Select(user => new Notification(user, RealtimeEvents.ConversationCreated, published))];
    }
}
