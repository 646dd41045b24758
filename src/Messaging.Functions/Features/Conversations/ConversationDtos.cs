using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;

namespace Messaging.Functions.Features.Conversations;

/// <summary>
/// The body of <c>createConversation</c>: the two users, in either order. With authentication on, one may be
/// left out and is then the caller; with it off both are required (the handler says so).
/// </summary>
public sealed record CreateConversationRequest
{
    public string? User1 { get; init; }

    public string? User2 { get; init; }
}

/// <summary>The body of <c>_getConversation</c>.</summary>
public sealed record GetConversationRequest
{
    public required string ConversationId { get; init; }
}

/// <summary>The body of <c>_getConversationsForUser</c> and <c>_getUnreadCounts</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record UserRequest
{
    public string? User { get; init; }
}

/// <summary>The body of the administrative scans: no fields.</summary>
public sealed record EmptyRequest;

public sealed record CreateConversationResponse([property: JsonPropertyName("conversationId")] string ConversationId);

/// <summary>A conversation as the API returns it, and the <c>conversationCreated</c> event's argument.</summary>
public sealed record ConversationDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("participant1")] string Participant1,
    [property: JsonPropertyName("participant2")] string Participant2)
{
    public static ConversationDto From(Conversation conversation) =>
        new(conversation.Id, conversation.Participant1, conversation.Participant2);

    public static ConversationDto From(InboxEntry entry) =>
        new(entry.ConversationId, entry.Participants[0], entry.Participants[1]);

    public static ConversationDto From(ConversationCreated created) =>
        new(created.ConversationId, created.Participants[0], created.Participants[1]);
}
