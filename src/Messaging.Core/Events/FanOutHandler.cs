using System.Diagnostics;
using Messaging.Core.Abstractions;
using Messaging.Core.Diagnostics;
using Messaging.Core.Reads;
using Messaging.Core.Realtime;

namespace Messaging.Core.Events;

/// <summary>
/// Applies a published event to the participants' inboxes and says who must be told what. Idempotent:
/// replaying an event changes nothing stored (the notifications it returns may be delivered again).
/// The notifications are data; each host delivers them its own way.
/// </summary>
public sealed class FanOutHandler(IInboxStore inbox)
{
    public async Task<IReadOnlyList<Notification>> HandleAsync(MessagingEvent published, CancellationToken cancellationToken)
    {
        using Activity? activity = MessagingDiagnostics.Source.StartActivity($"fan-out {published.GetType().Name}", ActivityKind.Consumer);
        activity?.SetTag("messaging.event.id", published.EventId);
        activity?.SetTag("messaging.conversation.id", published.ConversationId);
        switch (published)
        {
            case ConversationCreated created:
                await inbox.AddConversationAsync(created, cancellationToken);
                return [.. created.Participants.Select(user => new Notification(user, RealtimeEvents.ConversationCreated, created))];

            case MessageSent sent:
                await Task.WhenAll(sent.Participants.Select(user => inbox.ApplyMessageAsync(user, sent, cancellationToken)));
                // Everyone, the sender included: their other devices show the message too.
                return [.. sent.Participants.Select(user => new Notification(user, RealtimeEvents.NewMessage, sent.Message))];

            case MessageRead read:
                await inbox.ApplyReadAsync(read, cancellationToken);
                var receipt = new ReadReceipt(read.ConversationId, read.User, read.ReadSeq, read.ReadAt);
                return [.. read.Participants
                    .Where(user => !string.Equals(user, read.User, StringComparison.Ordinal))
                    .Select(user => new Notification(user, RealtimeEvents.MessageRead, receipt))];

            default:
                throw new ArgumentException($"No fan-out for {published.GetType().Name}.", nameof(published));
        }
    }
}
