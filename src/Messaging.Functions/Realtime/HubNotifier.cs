using Messaging.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Functions.Realtime;

/// <summary>Delivers notifications through the local hub to every connection of each user.</summary>
internal sealed class HubNotifier(IHubContext<MessagingHub> hub, RealtimePayloads payloads) : IRealtimeNotifier
{
    public Task NotifyAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken) =>
        Task.WhenAll(notifications.Select(n => hub.Clients.User(n.UserId).SendAsync(n.Target, payloads.ToWire(n), cancellationToken)));
}
