using Messaging.Core.Realtime;

namespace Messaging.Core.Tests.Fakes;

/// <summary>Keeps every batch of notifications it is asked to push.</summary>
internal sealed class RecordingNotifier : IRealtimeNotifier
{
    public List<IReadOnlyList<Notification>> Batches { get; } = [];

    public Task NotifyAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        Batches.Add(notifications);
        return Task.CompletedTask;
    }
}
