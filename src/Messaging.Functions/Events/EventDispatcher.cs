using System.Diagnostics;
using System.Threading.Channels;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;

namespace Messaging.Functions.Events;

/// <summary>
/// The <see cref="IEventPublisher"/>, locally and in Azure: a committed event is queued and the request answers at
/// once; background lanes hand it to the <see cref="IEventDelivery"/> chosen at start (the in-process fan-out, or the
/// Service Bus queue), which completes its outbox entry. Each conversation always maps to the same lane, so its
/// events are delivered in commit order while conversations proceed in parallel. The lanes are bounded: when they
/// are full, publishing waits (back-pressure) rather than letting memory grow. An event lost from memory (a crash,
/// a failed delivery) stays in the outbox, and the sweeper publishes it again.
/// </summary>
internal sealed partial class EventDispatcher : BackgroundService, IEventPublisher
{
    /// <summary>
    /// Events waiting per lane before publishers wait. Small on purpose: when storage cannot keep up, requests slow
    /// down within a second instead of piling up fan-out work that the throughput figures would not show.
    /// </summary>
    internal const int LaneCapacity = 64;

    private readonly Channel<QueuedEvent>[] _lanes;
    private readonly IEventDelivery _delivery;
    private readonly ILogger<EventDispatcher> _logger;
    private readonly Lock _idleGate = new();
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public EventDispatcher(IEventDelivery delivery, ILogger<EventDispatcher> logger)
    {
        (_delivery, _logger) = (delivery, logger);
        // Delivery waits on storage or the queue, not CPU, so a few lanes per core keep them busy without flooding them.
        _lanes = [.. Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount * 4)).Select(_ =>
            Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true }))];
    }

    public async Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        // The lock is taken only on the way out of idle, so lanes and requests do not contend on it.
        if (Interlocked.Increment(ref _pending) == 1)
        {
            lock (_idleGate)
            {
                if (Volatile.Read(ref _pending) > 0 && _idle.Task.IsCompleted)
                {
                    _idle = NewIdle(completed: false);
                }
            }
        }
        // The publish span belongs to the request; the lane's work joins the same trace through its context.
        using Activity? activity = MessagingDiagnostics.Source.StartActivity($"publish {committed.GetType().Name}", ActivityKind.Producer);
        activity?.SetTag("messaging.event.id", committed.EventId);
        try
        {
            await LaneOf(committed.ConversationId).Writer.WriteAsync(new QueuedEvent(committed, activity?.Context ?? default), cancellationToken);
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            // Stopping, or the caller gave up: the change is committed and its event is in the outbox for the sweeper.
            Settled(1);
        }
    }

    /// <summary>Completes once every event queued so far has been delivered (or has failed and been left to the sweeper).</summary>
    public Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            if (Volatile.Read(ref _pending) == 0)
            {
                return Task.CompletedTask;
            }
            if (_idle.Task.IsCompleted)
            {
                _idle = NewIdle(completed: false); // a publish is on its way in and has not replaced it yet
            }
            return _idle.Task;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Select(lane => Task.Run(() => DrainAsync(lane.Reader, stoppingToken), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Take no more events; what is queued is delivered until the host's shutdown timeout, then left to the sweeper.
        foreach (Channel<QueuedEvent> lane in _lanes)
        {
            lane.Writer.TryComplete();
        }
        await base.StopAsync(cancellationToken);
    }

    private Channel<QueuedEvent> LaneOf(string conversationId) =>
        _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(conversationId) % (uint)_lanes.Length)];

    private async Task DrainAsync(ChannelReader<QueuedEvent> lane, CancellationToken stoppingToken)
    {
        List<QueuedEvent> batch = new(_delivery.MaxBatch);
        // Queued events are still delivered while stopping: the reader ends when the lane is completed and empty.
        while (await lane.WaitToReadAsync(CancellationToken.None))
        {
            // Whatever is waiting goes together, up to the delivery's batch size: one queue send for a burst.
            batch.Clear();
            while (batch.Count < _delivery.MaxBatch && lane.TryRead(out QueuedEvent queued))
            {
                batch.Add(queued);
            }
            try
            {
                await DeliverAsync(batch, stoppingToken);
            }
            finally
            {
                Settled(batch.Count);
            }
        }
    }

    private async Task DeliverAsync(List<QueuedEvent> batch, CancellationToken cancellationToken)
    {
        // One span per delivery, a child of the first publisher's span and linked to every publisher's span.
        MessagingEvent first = batch[0].Event;
        using Activity? activity = MessagingDiagnostics.Source.StartActivity(
            batch.Count == 1 ? $"dispatch {first.GetType().Name}" : $"dispatch {batch.Count} events", ActivityKind.Consumer,
            batch[0].Publisher, links: batch.Count == 1 ? null : [.. batch.Select(q => new ActivityLink(q.Publisher))]);
        activity?.SetTag("messaging.event.id", first.EventId);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        try
        {
            await _delivery.DeliverAsync(batch, cancellationToken);
        }
        catch (Exception ex)
        {
            // Deliveries log their own failures; this is the net under a bug in one.
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogDeliveryFailed(ex, first.EventId, batch.Count);
        }
    }

    private void Settled(int count)
    {
        if (Interlocked.Add(ref _pending, -count) == 0)
        {
            lock (_idleGate)
            {
                if (Volatile.Read(ref _pending) == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }
        return idle;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of event {EventId} (one of {Count}) failed; the outbox sweeper will retry")]
    private partial void LogDeliveryFailed(Exception exception, string eventId, int count);
}

/// <summary>An event waiting in its lane, with the context of the span that published it.</summary>
internal readonly record struct QueuedEvent(MessagingEvent Event, ActivityContext Publisher);

/// <summary>What the <see cref="EventDispatcher"/>'s lanes do with committed events; chosen once at start.</summary>
internal interface IEventDelivery
{
    /// <summary>The most events handed to <see cref="DeliverAsync"/> at once.</summary>
    int MaxBatch { get; }

    /// <summary>
    /// Delivers events of one lane, in order, and completes the outbox entry of each delivered one. Logs failures
    /// rather than throwing: an event not delivered keeps its outbox row for the sweeper.
    /// </summary>
    Task DeliverAsync(IReadOnlyList<QueuedEvent> events, CancellationToken cancellationToken);
}
