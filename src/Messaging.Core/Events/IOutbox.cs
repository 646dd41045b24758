namespace Messaging.Core.Events;

/// <summary>Events committed with their change but not yet confirmed published.</summary>
public interface IOutbox
{
    /// <summary>Forgets a published event. Idempotent.</summary>
    Task CompleteAsync(MessagingEvent published, CancellationToken cancellationToken);

    /// <summary>Events still pending that were written before <paramref name="writtenBefore"/>: left behind by a crash.</summary>
    Task<IReadOnlyList<MessagingEvent>> ListPendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken);
}
