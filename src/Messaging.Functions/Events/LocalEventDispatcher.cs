using System.Diagnostics;
using System.Threading.Channels;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Realtime;

namespace Messaging.Functions.Events;

/// <summary>
/// The local <see cref="IEventPublisher"/>: a committed event is queued and the request answers at once, as in
/// Azure; background lanes run its fan-out, push its notifications and complete its outbox entry. Each
/// conversation always maps to the same lane, so its events are applied in commit order while conversations
/// proceed in parallel. The lanes are bounded: when they are full, publishing waits (back-pressure) rather than
/// letting memory grow. An event lost from memory (a crash, a failed fan-out) stays in the outbox, and the
/// sweeper publishes it again.
/// </summary>
internal sealed partial class LocalEventDispatcher : BackgroundService, IEventPublisher
{
    /// <summary>Events waiting per lane before publishers wait.</summary>
    internal const int LaneCapacity = 1024;

    private readonly Channel<Queued>[] _lanes;
    private readonly FanOutHandler _fanOut;
    private readonly IRealtimeNotifier _notifier;
    private readonly IOutbox _outbox;
    private readonly MessagingMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<LocalEventDispatcher> _logger;
    private readonly Lock _idleGate = new();
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public LocalEventDispatcher(
        FanOutHandler fanOut, IRealtimeNotifier notifier, IOutbox outbox, MessagingMetrics metrics, TimeProvider clock,
        ILogger<LocalEventDispatcher> logger)
    {
        (_fanOut, _notifier, _outbox, _metrics, _clock, _logger) = (fanOut, notifier, outbox, metrics, clock, logger);
        // Fan-out waits on storage, not CPU, so a few lanes per core keep storage busy without flooding it.
        _lanes = [.. Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount * 4)).Select(_ =>
            Channel.CreateBounded<Queued>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true }))];
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
            await LaneOf(committed.ConversationId).Writer.WriteAsync(new Queued(committed, activity?.Context ?? default), cancellationToken);
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            // Stopping, or the caller gave up: the change is committed and its event is in the outbox for the sweeper.
            Settled();
        }
    }

    /// <summary>Completes once every event queued so far has been dispatched (or has failed and been left to the sweeper).</summary>
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
        // Take no more events; what is queued is dispatched until the host's shutdown timeout, then left to the sweeper.
        foreach (Channel<Queued> lane in _lanes)
        {
            lane.Writer.TryComplete();
        }
        await base.StopAsync(cancellationToken);
    }

    private Channel<Queued> LaneOf(string conversationId) =>
        _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(conversationId) % (uint)_lanes.Length)];

    private async Task DrainAsync(ChannelReader<Queued> lane, CancellationToken stoppingToken)
    {
        // Queued events are still dispatched while stopping: the reader ends when the lane is completed and empty.
        await foreach (Queued queued in lane.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await DispatchAsync(queued, stoppingToken);
            }
            finally
            {
                Settled();
            }
        }
    }

    private async Task DispatchAsync(Queued queued, CancellationToken cancellationToken)
    {
        MessagingEvent committed = queued.Event;
        using Activity? activity = MessagingDiagnostics.Source.StartActivity(
            $"dispatch {committed.GetType().Name}", ActivityKind.Consumer, queued.Publisher);
        activity?.SetTag("messaging.event.id", committed.EventId);
        try
        {
            await _notifier.NotifyAsync(await _fanOut.HandleAsync(committed, cancellationToken), cancellationToken);
            _metrics.FanOutDelivered(committed, _clock.GetUtcNow());
            await _outbox.CompleteAsync(committed, cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogFanOutFailed(ex, committed.EventId);
        }
    }

    private void Settled()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
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

    /// <summary>An event waiting in its lane, with the context of the span that published it.</summary>
    private readonly record struct Queued(MessagingEvent Event, ActivityContext Publisher);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of event {EventId} failed; the outbox sweeper will retry it")]
    private partial void LogFanOutFailed(Exception exception, string eventId);
}
