using System.Diagnostics.Metrics;
using Messaging.Core.Events;

namespace Messaging.Core.Diagnostics;

/// <summary>The app's own metrics: messages sent, fan-out lag and outbox rows swept.</summary>
public sealed class MessagingMetrics
{
    private readonly Counter<long> _messagesSent;
    private readonly Histogram<double> _fanOutLag;
    private readonly Counter<long> _outboxSwept;

    public MessagingMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MessagingDiagnostics.Name);
        _messagesSent = meter.CreateCounter<long>("messaging.messages.sent", "{message}", "Messages stored by sendMessage.");
        _fanOutLag = meter.CreateHistogram<double>(
            "messaging.fanout.lag", "ms", "Time from an event's occurrence to the hand-over of its real-time notifications.");
        _outboxSwept = meter.CreateCounter<long>(
            "messaging.outbox.swept", "{event}", "Outbox rows republished by the sweeper: events a normal publish left behind.");
    }

    public void MessageSent() => _messagesSent.Add(1);

    public void FanOutDelivered(MessagingEvent evt, DateTimeOffset now) =>
        _fanOutLag.Record(Math.Max(0, (now - evt.OccurredAt).TotalMilliseconds), new KeyValuePair<string, object?>("event", evt.GetType().Name));

    public void OutboxSwept(int count)
    {
        if (count > 0)
        {
            _outboxSwept.Add(count);
        }
    }
}
