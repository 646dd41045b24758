namespace Messaging.Functions.Realtime;

/// <summary>Told when a user's connection to the local hub opens and closes (presence follows connections this way).</summary>
public interface IHubConnectionObserver
{
    Task ConnectedAsync(string userId, string connectionId);

    /// <summary>Also called for connections SignalR's keep-alive timeout closed (the client died without closing).</summary>
    Task DisconnectedAsync(string userId, string connectionId);
}
