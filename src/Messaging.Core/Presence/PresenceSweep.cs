namespace Messaging.Core.Presence;

/// <summary>
/// Takes offline the users whose connections' leases ran out: their server died without closing them (a closed
/// connection, or a client that died, is a disconnect and needs no sweep).
/// </summary>
public sealed class PresenceSweep(IPresenceStore store, PresenceTracker tracker, TimeProvider clock)
{
    /// <summary>Expires every lease that ran out; returns how many users had one.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> users = await store.UsersWithExpiredLeasesAsync(clock.GetUtcNow(), cancellationToken);
        foreach (string user in users)
        {
            await tracker.ExpireAsync(user, cancellationToken);
        }
        return users.Count;
    }
}
