using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Search;
using Messaging.Functions.Features.Messages;

namespace Messaging.Functions.Features.Search;

/// <summary>The body of <c>_searchMessages</c>: <see cref="User"/> defaults to the caller.</summary>
public sealed record SearchMessagesRequest
{
    public string? User { get; init; }

    /// <summary>1–100 characters, at most 8 words; each must start a word of the message (case and accents ignored).</summary>
    public required string Query { get; init; }

    /// <summary>Optional: search this conversation only.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Optional: how many results (1–100, default 20).</summary>
    public int? Limit { get; init; }

    /// <summary>Optional cursor: the results after this one (the <c>_id</c> of the previous page's last result).</summary>
    public string? Before { get; init; }
}

/// <summary>A result: the message as history shows it to the user, with <c>conversation: {_id, kind, title}</c>.</summary>
public sealed record SearchHitDto : MessageDto
{
    public SearchHitDto(MessageDto message, SearchConversationDto conversation)
        : base(message) => Conversation = conversation;

    [JsonPropertyName("conversation")]
    [JsonPropertyOrder(1)]
    public SearchConversationDto Conversation { get; init; }

    public static SearchHitDto From(SearchHit hit) => new(MessageDto.From(hit.Message), SearchConversationDto.From(hit.Conversation));
}

/// <summary>Which conversation a result is in: enough to show it in a list of results.</summary>
public sealed record SearchConversationDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("kind")] string Kind)
{
    /// <summary>Groups only.</summary>
    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    public static SearchConversationDto From(Conversation conversation) =>
        new(conversation.Id, conversation.IsGroup ? "group" : "direct") { Title = conversation.IsGroup ? conversation.Title ?? string.Empty : null };
}
