using System.Diagnostics;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Realtime;

namespace Messaging.Functions.Events;

/// <summary>
/// The local <see cref="IEventDelivery"/>: runs each event's fan-out in-process (inbox writes), pushes its
/// notifications, then completes its outbox entry. A failure is logged and leaves the entry to the sweeper.
/// </summary>
internal sealed partial class LocalFanOutDelivery(
    FanOutHandler fanOut, IRealtimeNotifier notifier, IOutbox outbox, MessagingMetrics metrics, TimeProvider clock,
    ILogger<LocalFanOutDelivery> logger) : IEventDelivery
{
    // One event at a time: each fan-out is its own storage round trips, so grouping saves nothing.
    public int MaxBatch => 1;

    public async Task DeliverAsync(IReadOnlyList<QueuedEvent> events, CancellationToken cancellationToken)
    {
        foreach (QueuedEvent queued in events)
        {
            MessagingEvent committed = queued.Event;
            try
            {
                await notifier.NotifyAsync(await fanOut.HandleAsync(committed, cancellationToken), cancellationToken);
                metrics.FanOutDelivered(committed, clock.GetUtcNow());
                await outbox.CompleteAsync(committed, cancellationToken);
            }
            catch (Exception ex)
            {
                Activity.Current?.SetStatus(ActivityStatusCode.Error, ex.Message);
                LogFanOutFailed(ex, committed.EventId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of event {EventId} failed; the outbox sweeper will retry it")]
    private partial void LogFanOutFailed(Exception exception, string eventId);
}
