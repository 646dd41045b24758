using System.Collections.Frozen;
using System.Diagnostics;
using Messaging.Core.Diagnostics;
using Messaging.Core.Realtime;

namespace Messaging.Core.Events;

/// <summary>
/// Applies a published event through the fan-out its feature registered, and returns who must be told what.
/// The notifications are data; each host delivers them its own way.
/// </summary>
public sealed class FanOutHandler
{
    private readonly FrozenDictionary<Type, IEventFanOut> _fanOuts;

    public FanOutHandler(IEnumerable<IEventFanOut> fanOuts) => _fanOuts = fanOuts.ToFrozenDictionary(f => f.EventType);

    public async Task<IReadOnlyList<Notification>> HandleAsync(MessagingEvent published, CancellationToken cancellationToken)
    {
        if (!_fanOuts.TryGetValue(published.GetType(), out IEventFanOut? fanOut))
        {
            throw new ArgumentException($"No fan-out is registered for {published.GetType().Name}.", nameof(published));
        }
        using Activity? activity = MessagingDiagnostics.Source.StartActivity($"fan-out {published.GetType().Name}", ActivityKind.Consumer);
        activity?.SetTag("messaging.event.id", published.EventId);
        activity?.SetTag("messaging.conversation.id", published.ConversationId);
        return await fanOut.FanOutAsync(published, cancellationToken);
    }
}
