using Messaging.Core.Blocking;
using Messaging.Core.Inbox;
using Messaging.Core.Realtime;

namespace Messaging.Core.Presence;

/// <summary>
/// Keeps a user's presence from their connections opening, closing and expiring, and tells those who share a
/// conversation with them when they come online or go offline.
/// </summary>
/// <remarks>
/// Every change reads the user's record and connections, then commits the new record together with the connection
/// added or removed, guarded by the record's version: of two changes racing (two devices connecting at once, one
/// connecting while another closes), one commits and the other reads again and decides on what is there. Whether the
/// user is online is decided against the record as last committed, so exactly one commit turns them online or
/// offline, and only that one publishes <c>presenceChanged</c>: a second connection, or closing one of two, publishes
/// nothing. Expired connections (their server stopped renewing them) no longer count, and each change deletes them
/// on the way.
/// </remarks>
public sealed class PresenceTracker(
    IPresenceStore store, IInboxStore inbox, IBlockStore blocks, IRealtimeNotifier notifier, TimeProvider clock, PresenceLease lease, IConnectionProbe? probe = null)
{
    private const int MaxAttempts = 50;

    /// <summary>
    /// A connection of <paramref name="user"/> opened (or is to be stored again); its lease starts now. <paramref name="viaService"/>:
    /// it is held by SignalR Service (reported by its upstream), not by this app's hub.
    /// </summary>
    public async Task ConnectAsync(string user, string connectionId, CancellationToken cancellationToken, bool viaService = false)
    {
        if (await ChangeAsync(user, add: connectionId, remove: null, status: null, cancellationToken, viaService) is null)
        {
            throw Raced();
        }
    }

    /// <summary>A connection of <paramref name="user"/> closed.</summary>
    public async Task DisconnectAsync(string user, string connectionId, CancellationToken cancellationToken)
    {
        if (await ChangeAsync(user, add: null, remove: connectionId, status: null, cancellationToken) is null)
        {
            throw Raced();
        }
    }

    /// <summary>
    /// Drops <paramref name="user"/>'s expired connections, and takes them offline if none is left. An expired connection to
    /// SignalR Service that the service says is still open is renewed instead (nobody else renews those).
    /// </summary>
    public async Task ExpireAsync(string user, CancellationToken cancellationToken)
    {
        if (probe is not null)
        {
            DateTimeOffset now = clock.GetUtcNow();
            PresenceSnapshot snapshot = await store.ReadAsync(user, cancellationToken);
            foreach (ConnectionLease connection in snapshot.Connections.Where(c => c.ViaService && c.LeaseUntil <= now))
            {
                if (await probe.IsOpenAsync(connection.ConnectionId, cancellationToken))
                {
                    await store.RenewAsync(user, connection.ConnectionId, now + lease.ServiceDuration, cancellationToken);
                }
            }
        }
        if (await ChangeAsync(user, add: null, remove: null, status: null, cancellationToken) is null)
        {
            throw Raced();
        }
    }

    /// <summary>
    /// Stores <paramref name="user"/>'s chosen status; answers their presence as others now see it, or
    /// <see cref="ErrorKind.Conflict"/> when it lost the race for the user's record too many times in a row.
    /// </summary>
    public async Task<Result<Presence>> SetStatusAsync(string user, string status, CancellationToken cancellationToken) =>
        await ChangeAsync(user, add: null, remove: null, status, cancellationToken) is { } presence
            ? Result<Presence>.Ok(presence)
            : Error.Conflict($"The presence of {user} changed {MaxAttempts} times while the status was being set; try again.");

    /// <summary>
    /// Renews the lease of a connection this server holds; a connection no longer stored (expired while this server
    /// could not renew it) is stored again, so a live connection comes back online.
    /// </summary>
    public async Task RenewAsync(string user, string connectionId, CancellationToken cancellationToken)
    {
        if (!await store.RenewAsync(user, connectionId, clock.GetUtcNow() + lease.Duration, cancellationToken))
        {
            await ConnectAsync(user, connectionId, cancellationToken);
        }
    }

    /// <summary>How <paramref name="snapshot"/> looks now: online while a connection's lease runs.</summary>
    public static Presence View(string user, PresenceSnapshot snapshot, DateTimeOffset now)
    {
        if (snapshot.Connections.Any(c => c.LeaseUntil > now))
        {
            return new Presence(user, true, snapshot.Record?.Status ?? PresenceStatus.Online, null);
        }
        // Online on record but no lease running: its server died and the sweep has not caught up yet.
        DateTimeOffset? lastSeen = snapshot.Record is { Online: true } && snapshot.Connections.Count > 0
            ? snapshot.Connections.Max(c => c.LeaseUntil)
            : snapshot.Record?.LastSeen;
        return new Presence(user, false, PresenceStatus.Offline, lastSeen);
    }

    /// <summary>The change committed (and published, if it turned the user online or offline), or null after <see cref="MaxAttempts"/> lost races.</summary>
    private async Task<Presence?> ChangeAsync(
        string user, string? add, string? remove, string? status, CancellationToken cancellationToken, bool viaService = false)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            PresenceSnapshot snapshot = await store.ReadAsync(user, cancellationToken);
            PresenceRecord? record = snapshot.Record;

            // What goes: the closed connection and every expired one (one added again under its id is replaced instead).
            List<ConnectionLease> dropped = [.. snapshot.Connections.Where(c =>
                !string.Equals(c.ConnectionId, add, StringComparison.Ordinal)
                && (c.LeaseUntil <= now || string.Equals(c.ConnectionId, remove, StringComparison.Ordinal)))];
            bool online = add is not null || snapshot.Connections.Any(c => c.LeaseUntil > now && !dropped.Contains(c));
            bool wasOnline = record?.Online ?? false;
            string chosen = status ?? record?.Status ?? PresenceStatus.Online;
            DateTimeOffset? lastSeen = online ? record?.LastSeen : wasOnline ? LastSeen(snapshot, remove, now) : record?.LastSeen;
            var next = new PresenceRecord(online, chosen, lastSeen);

            bool unchanged = add is null && dropped.Count == 0 && record is not null
                && record.Online == next.Online && record.Status == next.Status && record.LastSeen == next.LastSeen;
            if (unchanged || (record is null && add is null && status is null))
            {
                return View(user, snapshot, now);
            }
            ConnectionLease? added = add is null ? null : new ConnectionLease(add, now + (viaService ? lease.ServiceDuration : lease.Duration), viaService);
            if (!await store.TryCommitAsync(new PresenceCommit(user, next, record?.Version, added, dropped), cancellationToken))
            {
                continue;
            }

            var presence = new Presence(user, online, online ? chosen : PresenceStatus.Offline, online ? null : lastSeen);
            bool statusChanged = online && wasOnline && record!.Status != chosen;
            if (online != wasOnline || statusChanged)
            {
                await PublishAsync(presence, cancellationToken);
            }
            return presence;
        }
        return null;
    }

    private static InvalidOperationException Raced() =>
        new($"The presence of a user changed {MaxAttempts} times while a connection change was being made.");

    /// <summary>
    /// When the user was last seen as they go offline: now when their last connection closed; when it expired, the
    /// moment it stopped counting (its server stopped renewing it some time before the sweep noticed).
    /// </summary>
    private static DateTimeOffset LastSeen(PresenceSnapshot snapshot, string? closed, DateTimeOffset now) =>
        closed is not null && snapshot.Connections.Any(c => string.Equals(c.ConnectionId, closed, StringComparison.Ordinal) && c.LeaseUntil > now)
            ? now
            : snapshot.Connections.Count > 0 ? Timestamps.ToMilliseconds(snapshot.Connections.Max(c => c.LeaseUntil)) : now;

    /// <summary><c>presenceChanged</c> to everyone who shares a conversation with the user, but not across a block.</summary>
    private async Task PublishAsync(Presence presence, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> audience = await PresenceQueries.AudienceOfAsync(inbox, blocks, presence.User, cancellationToken);
        await notifier.NotifyAsync([.. audience.Select(other => new Notification(other, RealtimeEvents.PresenceChanged, presence))], cancellationToken);
    }
}
