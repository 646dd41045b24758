using Messaging.Core.Deleting;
using Messaging.Core.Editing;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Reactions;
using Messaging.Core.Realtime;

namespace Messaging.Core.Sync;

/// <summary>
/// Carries a change to a sent message into the inbox entry of everyone who sees that message, so that catch-up, which
/// reads only the user's own rows to find what changed, finds the conversation. Added to the change's own fan-out;
/// it tells no one anything itself.
/// </summary>
public abstract class RevisionFanOut<TEvent>(IInboxStore inbox) : EventFanOut<TEvent>
    where TEvent : MessagingEvent
{
    protected async Task<IReadOnlyList<Notification>> MoveAsync(TEvent published, long revision, IReadOnlyList<string> seers, CancellationToken cancellationToken)
    {
        await FanOutWrites.ForEachAsync(seers, (user, ct) => new ValueTask(inbox.ApplyRevisionAsync(user, published.ConversationId, revision, ct)), cancellationToken);
        return [];
    }
}

public sealed class MessageUpdatedRevision(IInboxStore inbox) : RevisionFanOut<MessageUpdated>(inbox)
{
    protected override Task<IReadOnlyList<Notification>> FanOutAsync(MessageUpdated published, CancellationToken cancellationToken) =>
        MoveAsync(published, published.Revision, published.Participants, cancellationToken);
}

public sealed class MessageDeletedRevision(IInboxStore inbox) : RevisionFanOut<MessageDeleted>(inbox)
{
    protected override Task<IReadOnlyList<Notification>> FanOutAsync(MessageDeleted published, CancellationToken cancellationToken) =>
        MoveAsync(published, published.Revision, published.Participants, cancellationToken);
}

public sealed class ReactionChangedRevision(IInboxStore inbox) : RevisionFanOut<ReactionChanged>(inbox)
{
    protected override Task<IReadOnlyList<Notification>> FanOutAsync(ReactionChanged published, CancellationToken cancellationToken) =>
        MoveAsync(published, published.Revision, published.Participants, cancellationToken);
}
