namespace Messaging.Core.Presence;

/// <summary>
/// The stored presence of a user: <paramref name="Online"/> as last published (so a change is published once),
/// the chosen <paramref name="Status"/>, <paramref name="LastSeen"/> once they went offline, and the store's
/// concurrency token (<paramref name="Version"/>) that every write of the record is guarded by.
/// </summary>
public sealed record PresenceRecord(bool Online, string Status, DateTimeOffset? LastSeen, string? Version = null);

/// <summary>
/// One real-time connection of a user; it counts until <paramref name="LeaseUntil"/>, which its owner renews: the server
/// whose hub holds it, or, for a connection to SignalR Service (<paramref name="ViaService"/>), the sweep after asking
/// the service whether it is still open.
/// </summary>
public sealed record ConnectionLease(string ConnectionId, DateTimeOffset LeaseUntil, bool ViaService = false, string? Version = null);

/// <summary>A user's record (null before their first connection or status) and their connections, read together.</summary>
public sealed record PresenceSnapshot(PresenceRecord? Record, IReadOnlyList<ConnectionLease> Connections);

/// <summary>
/// One atomic change of a user's presence: <paramref name="Next"/> replaces the record read at
/// <paramref name="ReadVersion"/> (inserted when null), <paramref name="Add"/> is stored and <paramref name="Remove"/>
/// deleted (each guarded by its version), all or nothing.
/// </summary>
public sealed record PresenceCommit(string User, PresenceRecord Next, string? ReadVersion, ConnectionLease? Add, IReadOnlyList<ConnectionLease> Remove);

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
