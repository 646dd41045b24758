namespace Messaging.Core.Presence;

/// <summary>Presence records and connection leases, in each user's own partition.</summary>
public interface IPresenceStore
{
    /// <summary>The user's record and connections, in one read.</summary>
    Task<PresenceSnapshot> ReadAsync(string user, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="commit"/>; false when something it was based on changed meanwhile (read again and retry).</summary>
    Task<bool> TryCommitAsync(PresenceCommit commit, CancellationToken cancellationToken);

    /// <summary>Moves a connection's lease to <paramref name="leaseUntil"/>; false when the connection is no longer stored.</summary>
    Task<bool> RenewAsync(string user, string connectionId, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The users with a connection whose lease ran out before <paramref name="now"/> (each once).</summary>
    Task<IReadOnlyList<string>> UsersWithExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
