using Messaging.Azure.ServiceBus;
using Messaging.Core.Abstractions;
using Messaging.Core.Events;

namespace Messaging.Functions.AzureServices;

/// <summary>
/// The Azure <see cref="IEventPublisher"/>: sends the event to the Service Bus queue (MessageId = event id,
/// so the queue's duplicate detection drops a republished copy), then completes the outbox entry. The
/// <c>fanout</c> function consumes the queue. A failure is logged; the sweeper publishes the event again.
/// </summary>
internal sealed partial class ServiceBusEventPublisher(
    ServiceBusSenderClient sender, IOutbox outbox, ILogger<ServiceBusEventPublisher> logger) : IEventPublisher
{
    public async Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(BinaryData.FromString(EventJson.Serialize(committed)), committed.EventId, cancellationToken: cancellationToken);
            await outbox.CompleteAsync(committed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(ex, committed.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {EventId} to Service Bus failed; the outbox sweeper will retry it")]
    private partial void LogPublishFailed(Exception exception, string eventId);
}
