using Messaging.Core.Events;

namespace Messaging.Core.Conversations;

/// <summary>A conversation was created; its participants get an inbox entry and a notification.</summary>
public sealed record ConversationCreated(
    string EventId,
    string ConversationId,
    DateTimeOffset OccurredAt,
    ConversationKind Kind,
    IReadOnlyList<string> Participants,
    string? CreatedBy)
    : MessagingEvent(EventId, ConversationId, OccurredAt)
{
    public static ConversationCreated For(Conversation conversation, string eventId) =>
        new(eventId, conversation.Id, conversation.CreatedAt, conversation.Kind, conversation.Participants, conversation.CreatedBy);
}
