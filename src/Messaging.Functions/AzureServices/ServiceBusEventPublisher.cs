using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;

namespace Messaging.Functions.AzureServices;

/// <summary>
/// The Azure <see cref="IEventPublisher"/>: sends the event to the Service Bus queue, then completes the outbox
/// entry. The <c>fanout</c> function consumes the queue. A failure is logged, never thrown (the change is committed
/// and the request answers): the entry stays in the outbox and the sweeper publishes the event again.
/// </summary>
/// <remarks>
/// <c>MessageId</c> is the event id, so the queue's duplicate detection drops a republished copy; the body is the
/// event's JSON (<see cref="EventJson"/>), as the <c>fanout</c> function reads it.
/// </remarks>
internal sealed partial class ServiceBusEventPublisher(
    ServiceBusSender sender, IOutbox outbox, ILogger<ServiceBusEventPublisher> logger) : IEventPublisher
{
    public const string ContentType = "application/json";

    public async Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        using Activity? activity = MessagingDiagnostics.Source.StartActivity($"publish {committed.GetType().Name}", ActivityKind.Producer);
        activity?.SetTag("messaging.event.id", committed.EventId);
        try
        {
            await sender.SendMessageAsync(ToMessage(committed), cancellationToken);
            await outbox.CompleteAsync(committed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogPublishFailed(ex, committed.EventId, sender.EntityPath);
        }
    }

    internal static ServiceBusMessage ToMessage(MessagingEvent evt) =>
        new(BinaryData.FromString(EventJson.Serialize(evt)))
        {
            MessageId = evt.EventId,
            ContentType = ContentType,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {EventId} to Service Bus queue {QueueName} failed; the outbox sweeper will retry it")]
    private partial void LogPublishFailed(Exception exception, string eventId, string queueName);
}
