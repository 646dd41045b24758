using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Functions.Features.Settings;
using Messaging.Functions.Http;

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

/// <summary>The body of <c>_getUnreadCounts</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record UserRequest
{
    public string? User { get; init; }
}

/// <summary>The body of <c>deleteConversation</c>; <see cref="Actor"/> defaults to the caller.</summary>
public sealed record DeleteConversationRequest
{
    public required string ConversationId { get; init; }

    public string? Actor { get; init; }
}

/// <summary>The body of <c>sendDirectMessage</c>: sendMessage's fields, with <see cref="To"/> in place of the conversation id.</summary>
public sealed record SendDirectMessageRequest
{
    public string? Sender { get; init; }

    public string? To { get; init; }

    public required string Content { get; init; }

    public string? ClientMessageId { get; init; }
}

/// <summary>The body of <c>_getDirectConversation</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record DirectConversationRequest
{
    public string? User { get; init; }

    public string? Other { get; init; }
}

/// <summary>The <c>conversationDeleted</c> event's argument.</summary>
public sealed record ConversationDeletedDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("actor")] string Actor)
{
    public static ConversationDeletedDto From(ConversationDeleted deleted) => new(deleted.ConversationId, deleted.Actor);
}

/// <summary>
/// The body of <c>_getConversationsForUser</c>: <see cref="User"/> defaults to the caller; the filters and the page
/// are optional (<see cref="Limit"/> entries after the conversation <see cref="After"/>, the last of the previous page).
/// </summary>
public sealed record ConversationsForUserRequest
{
    public string? User { get; init; }

    public bool? Archived { get; init; }

    public string? Category { get; init; }

    public int? Limit { get; init; }

    public string? After { get; init; }
}

/// <summary>The body of the administrative scans: no fields.</summary>
public sealed record EmptyRequest;

public sealed record CreateConversationResponse([property: JsonPropertyName("conversationId")] string ConversationId);

/// <summary>The last message of a conversation, as conversation objects carry it.</summary>
public sealed record LastMessageDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("preview")] string Preview,
    [property: JsonPropertyName("sentAt")] string SentAt);

/// <summary>
/// A conversation as the API returns it, and the <c>conversationCreated</c> event's argument: the same base shape
/// everywhere. Direct conversations also carry <c>participant1</c>/<c>participant2</c>, groups their <c>title</c>;
/// the user's own list adds <c>unreadCount</c> and <c>settings</c>.
/// </summary>
public sealed record ConversationDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("participants")] IReadOnlyList<string> Participants,
    [property: JsonPropertyName("createdBy")] string? CreatedBy,
    [property: JsonPropertyName("createdAt")] string CreatedAt)
{
    [JsonPropertyName("participant1")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Participant1 { get; init; }

    [JsonPropertyName("participant2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Participant2 { get; init; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonPropertyName("category")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Category { get; init; }

    [JsonPropertyName("lastMessage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LastMessageDto? LastMessage { get; init; }

    /// <summary>How many messages the conversation holds: its last sequence number (deleted messages stay as tombstones).</summary>
    [JsonPropertyName("messageCount")]
    public long MessageCount { get; init; }

    [JsonPropertyName("lastMessageAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastMessageAt { get; init; }

    [JsonPropertyName("unreadCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? UnreadCount { get; init; }

    /// <summary>The last message the user has read (their read cursor), or null before they read any: in catch-up (<c>_sync</c>) only.</summary>
    [JsonPropertyName("readUpTo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReadUpTo { get; init; }

    /// <summary>The user's own settings: only in their list and catch-up, never in events or <c>_getConversation</c>.</summary>
    [JsonPropertyName("settings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversationSettingsDto? Settings { get; init; }

    public static ConversationDto From(Conversation conversation) =>
        Create(conversation.Id, conversation.Kind, conversation.Participants, conversation.CreatedBy, conversation.CreatedAt, conversation.Title, conversation.Category)
            with
            {
                LastMessage = Last(conversation.Id, conversation.LastSeq, conversation.LastSender, conversation.LastPreview, conversation.LastMessageAt),
                MessageCount = conversation.LastSeq,
                LastMessageAt = Iso.Format(conversation.LastMessageAt),
            };

    public static ConversationDto From(InboxEntry entry) =>
        Create(entry.ConversationId, entry.Kind, entry.Participants, entry.CreatedBy, entry.CreatedAt, entry.Title, entry.Category) with
        {
            LastMessage = Last(entry.ConversationId, entry.LastSeq, entry.LastSender, entry.LastPreview, entry.LastMessageAt),
            MessageCount = entry.LastSeq,
            LastMessageAt = Iso.Format(entry.LastMessageAt),
            UnreadCount = entry.UnreadCount,
            Settings = ConversationSettingsDto.From(entry.Settings),
        };

    public static ConversationDto From(ConversationCreated created) => From(created.Conversation);

    private static ConversationDto Create(
        string id, ConversationKind kind, IReadOnlyList<string> participants, string? createdBy, DateTimeOffset createdAt, string? title, string? category)
    {
        bool direct = kind == ConversationKind.Direct && participants.Count == 2;
        return new ConversationDto(id, kind == ConversationKind.Group ? "group" : "direct", participants, createdBy, Iso.Format(createdAt))
        {
            Participant1 = direct ? participants[0] : null,
            Participant2 = direct ? participants[1] : null,
            Title = kind == ConversationKind.Group ? title ?? string.Empty : null,
            Category = category,
        };
    }

    /// <summary>Null before the first message, and for entries written before last senders were recorded.</summary>
    private static LastMessageDto? Last(string conversationId, long seq, string? sender, string? preview, DateTimeOffset? sentAt) =>
        seq > 0 && sender is not null && sentAt is { } at ? new LastMessageDto(MessageId.Format(conversationId, seq), sender, preview ?? string.Empty, Iso.Format(at)) : null;
}
