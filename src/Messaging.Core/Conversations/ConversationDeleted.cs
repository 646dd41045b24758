using Messaging.Core.Events;

namespace Messaging.Core.Conversations;

/// <summary>
/// A conversation was deleted by <paramref name="Actor"/>: its participants' entries are hidden, they are told,
/// and its rows are purged. <paramref name="LastSeq"/> is where it stood, so the hiding is ordered after its messages.
/// </summary>
public sealed record ConversationDeleted(
    string EventId, string ConversationId, DateTimeOffset OccurredAt, string Actor, IReadOnlyList<string> Participants, long LastSeq)
    : MessagingEvent(EventId, ConversationId, OccurredAt)
{
    public override DownstreamEvent ToDownstream() =>
        new("conversationDeleted", new ConversationDeletedData(ConversationId, Actor, OccurredAt, Participants));
}

/// <summary>The downstream <c>conversationDeleted</c>: who deleted it, when, and who were its participants then.</summary>
public sealed record ConversationDeletedData(string ConversationId, string DeletedBy, DateTimeOffset DeletedAt, IReadOnlyList<string> ParticipantIds);
