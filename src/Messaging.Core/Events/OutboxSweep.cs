using Messaging.Core.Diagnostics;

namespace Messaging.Core.Events;

/// <summary>
/// Republishes events whose outbox entries outlived a normal publish: the process that committed them
/// crashed or lost its connection before publishing. Consumers are idempotent, so a duplicate is harmless.
/// </summary>
public sealed class OutboxSweep(IOutbox outbox, IEventPublisher events, TimeProvider clock, MessagingMetrics metrics)
{
    /// <summary>
    /// Republishes every pending event at least <paramref name="minimumAge"/> old (younger ones may still be
    /// on their normal way); returns how many there were.
    /// </summary>
    public async Task<int> RunAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        IReadOnlyList<MessagingEvent> pending = await outbox.ListPendingAsync(clock.GetUtcNow() - minimumAge, cancellationToken);
        foreach (MessagingEvent evt in pending)
        {
            await events.PublishAsync(evt, cancellationToken);
        }
        metrics.OutboxSwept(pending.Count);
        return pending.Count;
    }
}
