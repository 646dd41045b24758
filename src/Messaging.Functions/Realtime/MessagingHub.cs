using Microsoft.AspNetCore.SignalR;

namespace Messaging.Functions.Realtime;

/// <summary>
/// The local real-time hub (<c>messaging</c>). Clients only listen, as with Azure SignalR Service in
/// serverless mode: everything they do goes through the HTTP API. Connections belong to the user their
/// negotiate token names; events go to users, not connections.
/// </summary>
public sealed class MessagingHub : Hub
{
    /// <summary>Where the hub is mapped; negotiate points clients here.</summary>
    public const string Path = "/api/hubs/messaging";
}
