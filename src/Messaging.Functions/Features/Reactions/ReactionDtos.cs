using System.Text.Json.Serialization;
using Messaging.Core.Reactions;

namespace Messaging.Functions.Features.Reactions;

/// <summary>The body of <c>addReaction</c> and <c>removeReaction</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record ReactionRequest
{
    public required string MessageId { get; init; }

    public string? User { get; init; }

    /// <summary>One emoji, or a short run of them (at most 16 UTF-16 code units).</summary>
    public required string Emoji { get; init; }
}

/// <summary>The <c>reactionChanged</c> event's argument.</summary>
public sealed record ReactionChangedDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("emoji")] string Emoji,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("added")] bool Added)
{
    public static ReactionChangedDto From(ReactionChanged changed) =>
        new(changed.ConversationId, changed.MessageId, changed.Emoji, changed.User, changed.Added);
}
