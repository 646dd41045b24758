using System.Collections.Concurrent;
using Messaging.Core.Presence;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Presence;

/// <summary>
/// The connections this server's hub holds: each opening and closing drives the user's presence, and their leases are
/// renewed from here (<see cref="PresenceHeartbeatService"/>). If this server dies, nobody renews them, and the sweep
/// takes their users offline once the leases run out.
/// </summary>
internal sealed partial class LocalPresenceConnections(PresenceTracker tracker, ILogger<LocalPresenceConnections> logger) : IHubConnectionObserver
{
    private const int MaxParallelRenewals = 16;

    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);

    public async Task ConnectedAsync(string userId, string connectionId)
    {
        _users[connectionId] = userId;
        try
        {
            await tracker.ConnectAsync(userId, connectionId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The connection stays up without presence; the next renewal finds it missing and stores it.
            LogFailed(ex, "connect");
        }
    }

    public async Task DisconnectedAsync(string userId, string connectionId)
    {
        _users.TryRemove(connectionId, out _);
        try
        {
            await tracker.DisconnectAsync(userId, connectionId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not renewed any more: its lease runs out and the sweep takes the user offline.
            LogFailed(ex, "disconnect");
        }
    }

    /// <summary>Renews the lease of every connection held here; returns how many.</summary>
    public async Task<int> RenewAllAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] held = [.. _users];
        await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRenewals, CancellationToken = cancellationToken },
            async (connection, token) =>
            {
                if (_users.ContainsKey(connection.Key)) // not closed meanwhile
                {
                    await tracker.RenewAsync(connection.Value, connection.Key, token);
                }
            });
        return held.Length;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence of a {Change} could not be stored; the lease mechanism repairs it")]
    private partial void LogFailed(Exception exception, string change);
}
