namespace Messaging.Core.Events;

/// <summary>
/// Hands a committed event to its consumers (in-process locally, a queue in Azure) and then completes
/// its outbox entry. Delivery is at least once.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken);
}
