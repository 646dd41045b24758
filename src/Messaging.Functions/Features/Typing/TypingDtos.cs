using System.Text.Json.Serialization;
using Messaging.Core.Typing;

namespace Messaging.Functions.Features.Typing;

/// <summary>The body of <c>typing</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record TypingRequest
{
    public required string ConversationId { get; init; }

    public string? User { get; init; }

    public required bool IsTyping { get; init; }
}

/// <summary>The <c>typing</c> event's argument.</summary>
public sealed record TypingDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("isTyping")] bool IsTyping)
{
    public static TypingDto From(TypingChanged typing) => new(typing.ConversationId, typing.User, typing.IsTyping);
}
