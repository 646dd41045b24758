using Messaging.Core.Realtime;

namespace Messaging.Core.Events;

/// <summary>
/// The fan-out of one kind of event: what it changes in the recipients' inboxes and who must be told what.
/// Each event's feature registers one, and other features may add their own; <see cref="FanOutHandler"/> runs them all. Must be idempotent:
/// replaying an event changes nothing stored (its notifications may be delivered again).
/// </summary>
public interface IEventFanOut
{
    Type EventType { get; }

    Task<IReadOnlyList<Notification>> FanOutAsync(MessagingEvent published, CancellationToken cancellationToken);
}

/// <summary>The typed base of an <see cref="IEventFanOut"/>.</summary>
public abstract class EventFanOut<TEvent> : IEventFanOut
    where TEvent : MessagingEvent
{
    public Type EventType => typeof(TEvent);

    public Task<IReadOnlyList<Notification>> FanOutAsync(MessagingEvent published, CancellationToken cancellationToken) =>
        FanOutAsync((TEvent)published, cancellationToken);

    protected abstract Task<IReadOnlyList<Notification>> FanOutAsync(TEvent published, CancellationToken cancellationToken);
}
