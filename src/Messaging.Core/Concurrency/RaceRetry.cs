namespace Messaging.Core.Concurrency;

/// <summary>
/// Runs a read-decide-write whose write is guarded by the version it read, again after each lost race, until it decides.
/// An attempt answers null when another writer got there first; then it waits a little, with jitter that grows with
/// the attempts, so racing writers spread out rather than collide again.
/// </summary>
public static class RaceRetry
{
    public static async Task<Result<T>> UntilDecidedAsync<T>(
        int maxAttempts, string whenBusy, Func<CancellationToken, Task<Result<T>?>> attempt, CancellationToken cancellationToken)
    {
        for (int n = 1; n <= maxAttempts; n++)
        {
            if (await attempt(cancellationToken) is { } decided)
            {
                return decided;
            }
            await Task.Delay(Backoff(n), cancellationToken);
        }
        return Error.Conflict(whenBusy);
    }

    /// <summary>How long to wait after the <paramref name="attempt"/>-th lost race: 1 ms up to 5 ms a lost race, at most 50.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)));
}
