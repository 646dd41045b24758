using System.Text.Json;
using System.Text.Json.Serialization;
using Messaging.Core.Messages;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Messages;

/// <summary>The body of <c>sendMessage</c>; <see cref="Sender"/> defaults to the caller when authenticated.</summary>
public sealed record SendMessageRequest
{
    public required string ConversationId { get; init; }

    public string? Sender { get; init; }

    /// <summary>The text; may be empty when the message has attachments or a payload.</summary>
    public string? Content { get; init; }

    /// <summary>An idempotency key: a retried send with the same key returns the message stored the first time.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>The application's label for the message (<c>text</c> when left out).</summary>
    public string? Type { get; init; }

    /// <summary>An application-defined JSON object, returned as sent.</summary>
    public JsonElement? Payload { get; init; }

    public AttachmentDto[]? Attachments { get; init; }

    /// <summary>The id of the message this one answers.</summary>
    public string? ReplyTo { get; init; }
}

/// <summary>The body of <c>_getMessagesInConversation</c>.</summary>
public sealed record ConversationMessagesRequest
{
    public required string ConversationId { get; init; }

    /// <summary>Optional: answer as this user sees the conversation (a group member's history starts where they joined).</summary>
    public string? User { get; init; }

    /// <summary>Optional paging: how many messages (1–200, default 50 when paging).</summary>
    public int? Limit { get; init; }

    /// <summary>Optional cursor: the messages just before this message id.</summary>
    public string? Before { get; init; }

    /// <summary>Optional cursor: the messages just after this message id.</summary>
    public string? After { get; init; }

    /// <summary>Optional: the page (1-based) counted from the newest messages, <see cref="Limit"/> a page.</summary>
    public int? Page { get; init; }
}

/// <summary>The body of <c>_getMessageDetails</c>.</summary>
public sealed record MessageDetailsRequest
{
    public required string MessageId { get; init; }

    /// <summary>Optional: answer as this user sees it (the status shows on their own message); with authentication on, only the caller.</summary>
    public string? User { get; init; }
}

public sealed record SendMessageResponse([property: JsonPropertyName("message")] MessageDto Message);

/// <summary>A message as the API returns it, and the <c>newMessage</c> and <c>messageUpdated</c> events' argument.</summary>
/// <remarks>
/// A system message (a change to a group) carries <c>type: "system"</c>, <c>event</c>, <c>actor</c> and <c>members</c>.
/// A deleted message is a tombstone: <c>_id</c>, <c>conversationId</c>, <c>sender</c>, <c>sentAt</c>, <c>deleted</c> and
/// <c>deletedAt</c>, nothing of what it said.
/// </remarks>
public record MessageDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("content")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content,
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

    /// <summary>The application's JSON object, exactly as sent.</summary>
    [JsonPropertyName("payload")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RawJsonConverter))]
    public string? Payload { get; init; }

    [JsonPropertyName("attachments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AttachmentDto>? Attachments { get; init; }

    [JsonPropertyName("replyTo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReplyToDto? ReplyTo { get; init; }

    [JsonPropertyName("editedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EditedAt { get; init; }

    [JsonPropertyName("reactions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReactionDto>? Reactions { get; init; }

    [JsonPropertyName("deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Deleted { get; init; }

    [JsonPropertyName("deletedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeletedAt { get; init; }

    /// <summary>For the sender: <c>sent</c>, <c>delivered</c> or <c>read</c>.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    /// <summary>In a group, for the sender: how many of the other members have it, and have read it.</summary>
    [JsonPropertyName("deliveredCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DeliveredCount { get; init; }

    [JsonPropertyName("readCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReadCount { get; init; }

    private static readonly ReactionDto[] NoReactions = [];

    public static MessageDto From(Message message)
    {
        if (message.IsDeleted)
        {
            return new(message.Id, message.ConversationId, message.Sender, null, Iso.Format(message.SentAt))
            {
                Deleted = true,
                DeletedAt = Iso.Format(message.DeletedAt),
            };
        }
        return new(message.Id, message.ConversationId, message.Sender, message.Content, Iso.Format(message.SentAt))
        {
            Type = message.Type,
            Event = message.SystemEvent,
            Actor = message.IsSystem ? message.Sender : null,
            Members = message.Members,
            Payload = message.Payload,
            Attachments = message.Attachments.Count == 0 ? null : [.. message.Attachments.Select(AttachmentDto.From)],
            ReplyTo = message.ReplyTo is { } reply ? ReplyToDto.From(message.ConversationId, reply) : null,
            EditedAt = Iso.Format(message.EditedAt),
            Reactions = message.Reactions.Count == 0 ? NoReactions : [.. message.Reactions.Select(ReactionDto.From)],
            Status = message.Delivery?.Status,
            DeliveredCount = message.Delivery?.DeliveredCount,
            ReadCount = message.Delivery?.ReadCount,
        };
    }
}

/// <summary>An attachment: <c>url</c> (https, required), and optionally <c>name</c>, <c>contentType</c> and <c>size</c> in bytes.</summary>
/// <remarks>The url is checked with the rest of the message rather than by the parser, so that a missing one is named in the error.</remarks>
public sealed record AttachmentDto
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("contentType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentType { get; init; }

    [JsonPropertyName("size")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Size { get; init; }

    public static AttachmentDto From(Attachment attachment) =>
        new() { Url = attachment.Url, Name = attachment.Name, ContentType = attachment.ContentType, Size = attachment.Size };

    public Attachment ToAttachment() => new(Url ?? string.Empty, Name, ContentType, Size);
}

/// <summary>The message a reply answers: <c>{_id, sender, preview}</c>, or <c>{_id, sender, deleted: true}</c> once it is deleted.</summary>
public sealed record ReplyToDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("sender")] string Sender)
{
    [JsonPropertyName("preview")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Preview { get; init; }

    [JsonPropertyName("deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Deleted { get; init; }

    public static ReplyToDto From(string conversationId, ReplyPreview reply) =>
        new(MessageId.Format(conversationId, reply.Seq), reply.Sender)
        {
            Preview = reply.Deleted ? null : reply.Preview ?? string.Empty,
            Deleted = reply.Deleted ? true : null,
        };
}

/// <summary>One emoji's reactions: how many, and the first reactors' ids (at most ten).</summary>
public sealed record ReactionDto(
    [property: JsonPropertyName("emoji")] string Emoji,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("users")] IReadOnlyList<string> Users)
{
    public static ReactionDto From(ReactionSummary reaction) => new(reaction.Emoji, reaction.Count, reaction.Users);
}
