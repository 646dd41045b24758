using System.Collections.Frozen;
using System.Diagnostics;
using Messaging.Core.Diagnostics;
using Messaging.Core.Realtime;

namespace Messaging.Core.Events;

/// <summary>
/// Applies a published event through the fan-outs registered for it, and returns who must be told what.
/// The notifications are data; each host delivers them its own way.
/// </summary>
/// <remarks>
/// An event may have several fan-outs: the feature that raises it registers one, and a feature that only follows
/// it (a search index, catch-up) registers its own rather than editing the first. They run one after another in
/// registration order; if one fails the event is delivered again and all run again, which is why each must be idempotent.
/// </remarks>
public sealed class FanOutHandler
{
    private readonly FrozenDictionary<Type, IEventFanOut[]> _fanOuts;

    public FanOutHandler(IEnumerable<IEventFanOut> fanOuts) =>
        _fanOuts = fanOuts.GroupBy(f => f.EventType).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    public async Task<IReadOnlyList<Notification>> HandleAsync(MessagingEvent published, CancellationToken cancellationToken)
    {
        if (!_fanOuts.TryGetValue(published.GetType(), out IEventFanOut[]? fanOuts))
        {
            throw new ArgumentException($"No fan-out is registered for {published.GetType().Name}.", nameof(published));
        }
        using Activity? activity = MessagingDiagnostics.Source.StartActivity($"fan-out {published.GetType().Name}", ActivityKind.Consumer);
        activity?.SetTag("messaging.event.id", published.EventId);
        activity?.SetTag("messaging.conversation.id", published.ConversationId);
        if (fanOuts is [IEventFanOut only])
        {
            return await only.FanOutAsync(published, cancellationToken);
        }
        var notifications = new List<Notification>();
        foreach (IEventFanOut fanOut in fanOuts)
        {
            notifications.AddRange(await fanOut.FanOutAsync(published, cancellationToken));
        }
        return notifications;
    }
}
