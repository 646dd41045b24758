using Messaging.Core.Events;
using Messaging.Core.Realtime;

namespace Messaging.Core.Reactions;

/// <summary>A reaction added or taken back: everyone who can see the message is told, the reactor too (their other devices).</summary>
public sealed class ReactionChangedFanOut : EventFanOut<ReactionChanged>
{
    protected override Task<IReadOnlyList<Notification>> FanOutAsync(ReactionChanged published, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>(
            [.. published.Participants.Select(user => new Notification(user, RealtimeEvents.ReactionChanged, published))]);
}
