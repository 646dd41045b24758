namespace Messaging.Core.Presence;

/// <summary>
/// Takes offline the users whose connections' leases ran out: their server died without closing them (a closed
/// connection, or a client that died, is a disconnect and needs no sweep).
/// </summary>
public sealed class PresenceSweep(IPresenceStore store, PresenceTracker tracker, TimeProvider clock)
{
    /// <summary>
    /// Expires every lease that ran out; returns how many users had one. A user whose expiry fails (storage, or SignalR
    /// Service not answering whether a connection is open) keeps their leases for the next sweep; the others go on,
    /// and the failures are thrown at the end.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> users = await store.UsersWithExpiredLeasesAsync(clock.GetUtcNow(), cancellationToken);
        List<Exception> failures = [];
        foreach (string user in users)
        {
            try
            {
                await tracker.ExpireAsync(user, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(ex);
            }
        }
        return failures.Count == 0 ? users.Count : throw new AggregateException("The presence sweep failed for some users.", failures);
    }
}
