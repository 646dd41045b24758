using System.Text.Json.Serialization;
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
    /// <summary>A group's title; null for direct conversations.</summary>
    public string? Title { get; init; }

    public string? Category { get; init; }

    /// <summary>A group's members with their roles; empty for direct conversations.</summary>
    public IReadOnlyList<Member> Members { get; init; } = [];

    public static ConversationCreated For(Conversation conversation, string eventId) =>
        new(eventId, conversation.Id, conversation.CreatedAt, conversation.Kind, conversation.Participants, conversation.CreatedBy)
        {
            Title = conversation.Title,
            Category = conversation.Category,
            Members = conversation.Members,
        };

    public override DownstreamEvent ToDownstream() => new("conversationCreated", new ConversationCreatedData(
        ConversationId, Kind, CreatedBy, OccurredAt, Participants,
        [.. Members.Where(m => m.Role == MemberRole.Admin).Select(m => m.User)], Title, Category));

    /// <summary>The conversation as it was created, as queries return it.</summary>
    [JsonIgnore]
    public Conversation Conversation => Kind == ConversationKind.Group
        ? Conversation.Group(ConversationId, CreatedBy, OccurredAt, Members, Title, Category)
        : new Conversation(ConversationId, Kind, Participants, CreatedBy, OccurredAt, 0, null, null) { Category = Category };
}

/// <summary>The downstream <c>conversationCreated</c>: <paramref name="AdminIds"/> is empty for a direct conversation.</summary>
public sealed record ConversationCreatedData(
    string ConversationId, ConversationKind Kind, string? CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<string> ParticipantIds, IReadOnlyList<string> AdminIds, string? Title, string? Category);
