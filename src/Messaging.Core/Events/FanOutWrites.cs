namespace Messaging.Core.Events;

/// <summary>How a fan-out issues its per-recipient writes: in parallel, but bounded, so a large group does not flood storage.</summary>
public static class FanOutWrites
{
    /// <summary>Writes in flight at once for one event: a 1,000-member group takes about 1,000 / 32 write latencies.</summary>
    public const int MaxParallel = 32;

    public static Task ForEachAsync(IEnumerable<string> recipients, Func<string, CancellationToken, ValueTask> write, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(recipients, new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken }, write);
}
