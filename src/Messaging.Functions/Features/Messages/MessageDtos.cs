using System.Text.Json.Serialization;
using Messaging.Core.Messages;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Messages;

/// <summary>The body of <c>sendMessage</c>; <see cref="Sender"/> defaults to the caller when authenticated.</summary>
public sealed record SendMessageRequest
{
    public required string ConversationId { get; init; }

    public string? Sender { get; init; }

    public required string Content { get; init; }

    /// <summary>An idempotency key: a retried send with the same key returns the message stored the first time.</summary>
    public string? ClientMessageId { get; init; }
}

/// <summary>The body of <c>_getMessagesInConversation</c>.</summary>
public sealed record ConversationMessagesRequest
{
    public required string ConversationId { get; init; }

    /// <summary>Optional: answer as this user sees the conversation (a group member's history starts where they joined).</summary>
    public string? User { get; init; }
}

/// <summary>The body of <c>_getMessageDetails</c>.</summary>
public sealed record MessageDetailsRequest
{
    public required string MessageId { get; init; }
}

public sealed record SendMessageResponse([property: JsonPropertyName("message")] MessageDto Message);

/// <summary>A message as the API returns it, and the <c>newMessage</c> event's argument.</summary>
/// <remarks>A system message (a change to a group) also carries <c>type: "system"</c>, <c>event</c>, <c>actor</c> and <c>members</c>.</remarks>
public sealed record MessageDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("sentAt")] string SentAt)
{
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    [JsonPropertyName("event")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Event { get; init; }

    [JsonPropertyName("actor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Actor { get; init; }

    [JsonPropertyName("members")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Members { get; init; }

    public static MessageDto From(Message message) =>
        new(message.Id, message.ConversationId, message.Sender, message.Content, Iso.Format(message.SentAt))
        {
            Type = message.IsSystem ? "system" : null,
            Event = message.SystemEvent,
            Actor = message.IsSystem ? message.Sender : null,
            Members = message.Members,
        };
}
