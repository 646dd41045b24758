using System.Threading.Channels;
using Messaging.Core.Abstractions;
using Messaging.Core.Events;

namespace Messaging.Functions.Events;

/// <summary>
/// The local <see cref="IEventPublisher"/>: committed events wait in memory for the <see cref="EventPump"/>.
/// Publishing never blocks a request and never fails it; an event that is lost here (full queue, crash)
/// is still in the outbox, and the sweeper publishes it again.
/// </summary>
internal sealed partial class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventPublisher
{
    private const int Capacity = 10_000;

    private readonly Channel<MessagingEvent> _queue = Channel.CreateBounded<MessagingEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<MessagingEvent> Reader => _queue.Reader;

    public Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(committed))
        {
            LogQueueFull(committed.EventId);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event queue full; event {EventId} stays in the outbox for the sweeper")]
    private partial void LogQueueFull(string eventId);
}
