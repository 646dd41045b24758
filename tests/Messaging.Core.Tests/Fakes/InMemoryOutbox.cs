using Messaging.Core.Events;

namespace Messaging.Core.Tests.Fakes;

/// <summary>An outbox in memory: entries stamped with the clock when written, listed strictly before a cutoff like the Table store.</summary>
internal sealed class InMemoryOutbox(TimeProvider clock) : IOutbox
{
    private readonly List<(MessagingEvent Event, DateTimeOffset WrittenAt)> _entries = [];

    public IReadOnlyList<MessagingEvent> Pending => [.. _entries.Select(e => e.Event)];

    /// <summary>The cutoffs <see cref="ListPendingAsync"/> was asked for.</summary>
    public List<DateTimeOffset> Cutoffs { get; } = [];

    public void Write(MessagingEvent evt) => _entries.Add((evt, clock.GetUtcNow()));

    public Task CompleteAsync(MessagingEvent published, CancellationToken cancellationToken)
    {
        _entries.RemoveAll(e => e.Event.EventId == published.EventId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MessagingEvent>> ListPendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        Cutoffs.Add(writtenBefore);
        return Task.FromResult<IReadOnlyList<MessagingEvent>>([.. _entries.Where(e => e.WrittenAt < writtenBefore).Select(e => e.Event)]);
    }
}

/// <summary>
/// A publisher keeping the <see cref="IEventPublisher"/> contract: deliver, then complete the outbox entry. A failed
/// delivery leaves the entry; it is swallowed (as the real publishers do) or thrown, as the test chooses.
/// </summary>
internal sealed class OutboxPublisher(IOutbox outbox) : IEventPublisher
{
    public List<MessagingEvent> Delivered { get; } = [];

    public Func<MessagingEvent, bool> Fails { get; set; } = _ => false;

    public bool ThrowOnFailure { get; set; }

    public async Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        if (Fails(committed))
        {
            if (ThrowOnFailure)
            {
                throw new InvalidOperationException($"Delivery of {committed.EventId} failed.");
            }
            return;
        }
        Delivered.Add(committed);
        await outbox.CompleteAsync(committed, cancellationToken);
    }
}
