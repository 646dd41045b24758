using System.Diagnostics;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Realtime;

namespace Messaging.Functions.Events;

/// <summary>
/// The local <see cref="IEventPublisher"/>: runs the fan-out for the event, pushes its notifications through
/// the hub and completes the outbox entry, before the request answers. So locally a caller reads its own
/// writes everywhere (inbox, unread counts) as soon as it has the response. A failure is logged, not thrown:
/// the change is committed and the event stays in the outbox for the sweeper.
/// </summary>
internal sealed partial class InProcessEventPublisher(
    FanOutHandler fanOut, IRealtimeNotifier notifier, IOutbox outbox, MessagingMetrics metrics, TimeProvider clock,
    ILogger<InProcessEventPublisher> logger) : IEventPublisher
{
    public async Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        using Activity? activity = MessagingDiagnostics.Source.StartActivity($"publish {committed.GetType().Name}", ActivityKind.Producer);
        activity?.SetTag("messaging.event.id", committed.EventId);
        try
        {
            await notifier.NotifyAsync(await fanOut.HandleAsync(committed, cancellationToken), cancellationToken);
            metrics.FanOutDelivered(committed, clock.GetUtcNow());
            await outbox.CompleteAsync(committed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogFanOutFailed(ex, committed.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of event {EventId} failed; the outbox sweeper will retry it")]
    private partial void LogFanOutFailed(Exception exception, string eventId);
}
