using Microsoft.AspNetCore.SignalR;

namespace Messaging.Functions.Realtime;

/// <summary>
/// The local real-time hub (<c>messaging</c>). Clients only listen, as with Azure SignalR Service in
/// serverless mode: everything they do goes through the HTTP API. Connections belong to the user their
/// negotiate token names; events go to users, not connections. Features that follow connections (presence) observe
/// them opening and closing.
/// </summary>
public sealed class MessagingHub(IEnumerable<IHubConnectionObserver> observers) : Hub
{
    /// <summary>Where the hub is mapped; negotiate points clients here.</summary>
    public const string Path = "/api/hubs/messaging";

    public override async Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { } user)
        {
            foreach (IHubConnectionObserver observer in observers)
            {
                await observer.ConnectedAsync(user, Context.ConnectionId);
            }
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.UserIdentifier is { } user)
        {
            foreach (IHubConnectionObserver observer in observers)
            {
                await observer.DisconnectedAsync(user, Context.ConnectionId);
            }
        }
        await base.OnDisconnectedAsync(exception);
    }
}
