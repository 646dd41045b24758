namespace Messaging.Core.Realtime;

/// <summary>Pushes notifications to users' connected clients (the local hub, or Azure SignalR Service).</summary>
public interface IRealtimeNotifier
{
    Task NotifyAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken);
}
