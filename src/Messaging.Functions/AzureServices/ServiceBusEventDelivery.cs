using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using Messaging.Core.Events;
using Messaging.Functions.Events;

namespace Messaging.Functions.AzureServices;

/// <summary>
/// The Azure <see cref="IEventDelivery"/>: sends a lane's waiting events to the Service Bus topic, as many per
/// <see cref="ServiceBusMessageBatch"/> as fit, then completes their outbox entries. The <c>fanout</c> function
/// reads the topic's <c>fanout</c> subscription; other services read their own. A failure is logged, never thrown:
/// the entries stay in the outbox and the sweeper publishes the events again.
/// </summary>
/// <remarks>
/// <c>MessageId</c> is the event id, so the topic's duplicate detection drops a republished copy; <c>SessionId</c> is
/// the conversation id, so a session-enabled subscription hands a conversation's events over one at a time, in the
/// order they were sent; <c>Subject</c> is the event's downstream type (<c>messageSent</c>…), for subscription
/// filters; the body is the <see cref="EventEnvelope"/>: the downstream fields, and what the <c>fanout</c> function reads.
/// </remarks>
internal sealed partial class ServiceBusEventDelivery(
    ServiceBusSender sender, IOutbox outbox, ILogger<ServiceBusEventDelivery> logger) : IEventDelivery
{
    public const string ContentType = "application/json";

    // Bounds the work one send holds up; the batch's byte limit (256 KB on Standard) usually ends a batch first.
    public int MaxBatch => 100;

    public async Task DeliverAsync(IReadOnlyList<QueuedEvent> events, CancellationToken cancellationToken)
    {
        int next = 0;
        while (next < events.Count)
        {
            int first = next;
            try
            {
                using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync(cancellationToken);
                while (next < events.Count && batch.TryAddMessage(ToMessage(events[next].Event)))
                {
                    next++;
                }
                if (next == first)
                {
                    // Larger than a batch may be: no send can take it, so skip it rather than hold up the lane.
                    next++;
                    LogTooLarge(events[first].Event.EventId, sender.EntityPath, batch.MaxSizeInBytes);
                    continue;
                }
                await sender.SendMessagesAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Sending the later events anyway would let them overtake these in their conversations: leave them all.
                Activity.Current?.SetStatus(ActivityStatusCode.Error, ex.Message);
                LogSendFailed(ex, events[first].Event.EventId, events.Count - first, sender.EntityPath);
                return;
            }
            for (int i = first; i < next; i++)
            {
                await CompleteAsync(events[i].Event, cancellationToken);
            }
        }
    }

    internal static ServiceBusMessage ToMessage(MessagingEvent evt) =>
        new(BinaryData.FromString(EventEnvelope.Serialize(evt)))
        {
            MessageId = evt.EventId,
            SessionId = evt.ConversationId,
            Subject = evt.ToDownstream().Type,
            ContentType = ContentType,
        };

    private async Task CompleteAsync(MessagingEvent sent, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.CompleteAsync(sent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Sent but still in the outbox: the sweeper sends it again, and duplicate detection or the idempotent fan-out drops it.
            LogCompleteFailed(ex, sent.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending event {EventId} and {Count} event(s) in all to Service Bus topic {TopicName} failed; the outbox sweeper will retry them")]
    private partial void LogSendFailed(Exception exception, string eventId, int count, string topicName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} is larger than a message to Service Bus topic {TopicName} may be ({MaxSize} bytes); it stays in the outbox")]
    private partial void LogTooLarge(string eventId, string topicName, long maxSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completing the outbox entry of sent event {EventId} failed; the sweeper will send it again")]
    private partial void LogCompleteFailed(Exception exception, string eventId);
}
