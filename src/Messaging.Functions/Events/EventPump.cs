using Messaging.Core.Abstractions;
using Messaging.Core.Events;

namespace Messaging.Functions.Events;

/// <summary>
/// Runs the fan-out for each locally published event, then completes its outbox entry. A failure
/// leaves the entry in place for the sweeper: at-least-once, and fan-out is idempotent.
/// </summary>
internal sealed partial class EventPump(InProcessEventBus bus, FanOutHandler fanOut, IOutbox outbox, ILogger<EventPump> logger)
    : BackgroundService
{
    /// <summary>Events handled at once; fan-out is I/O bound and order-independent.</summary>
    private const int Workers = 8;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (MessagingEvent evt in bus.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await fanOut.HandleAsync(evt, stoppingToken);
                    await outbox.CompleteAsync(evt, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFanOutFailed(ex, evt.EventId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: whatever is still queued is in the outbox
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of event {EventId} failed; the outbox sweeper will retry it")]
    private partial void LogFanOutFailed(Exception exception, string eventId);
}
