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

    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    public async Task ConnectedAsync(string userId, string connectionId)
    {
        var held = new Held(userId);
        _held[connectionId] = held;
        await held.Gate.WaitAsync();
        try
        {
            await tracker.ConnectAsync(userId, connectionId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The connection stays up without presence; the next renewal finds it missing and stores it.
            LogFailed(ex, "connect");
        }
        finally
        {
            held.Gate.Release();
        }
    }

    public async Task DisconnectedAsync(string userId, string connectionId)
    {
        if (!_held.TryRemove(connectionId, out Held? held))
        {
            return;
        }
        // After any renewal in flight: a renewal that found the row gone would otherwise store the closed connection again.
        await held.Gate.WaitAsync();
        try
        {
            held.Closed = true;
            await tracker.DisconnectAsync(userId, connectionId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not renewed any more: its lease runs out and the sweep takes the user offline.
            LogFailed(ex, "disconnect");
        }
        finally
        {
            held.Gate.Release();
        }
    }

    /// <summary>Renews the lease of every connection held here; returns how many.</summary>
    public async Task<int> RenewAllAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<string, Held>[] held = [.. _held];
        await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRenewals, CancellationToken = cancellationToken },
            async (connection, token) =>
            {
                await connection.Value.Gate.WaitAsync(token);
                try
                {
                    if (!connection.Value.Closed)
                    {
                        await tracker.RenewAsync(connection.Value.User, connection.Key, token);
                    }
                }
                finally
                {
                    connection.Value.Gate.Release();
                }
            });
        return held.Length;
    }

    /// <summary>A connection held here; its gate keeps its renewals and its close apart.</summary>
    private sealed class Held(string user)
    {
        public string User { get; } = user;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool Closed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence of a {Change} could not be stored; the lease mechanism repairs it")]
    private partial void LogFailed(Exception exception, string change);
}
