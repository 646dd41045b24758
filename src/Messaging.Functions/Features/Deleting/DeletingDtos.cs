using System.Text.Json.Serialization;
using Messaging.Core.Deleting;
using Messaging.Core.Messages;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Deleting;

/// <summary>The body of <c>deleteMessage</c>: <see cref="User"/> defaults to the caller.</summary>
public sealed record DeleteMessageRequest
{
    public required string MessageId { get; init; }

    public string? User { get; init; }
}

/// <summary>What <c>deleteMessage</c> answers.</summary>
public sealed record DeleteMessageResponse(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("deletedAt")] string? DeletedAt,
    [property: JsonPropertyName("deletedBy")] string? DeletedBy)
{
    public static DeleteMessageResponse From(Message tombstone) => new(tombstone.Id, true, Iso.Format(tombstone.DeletedAt), tombstone.DeletedBy);
}

/// <summary>The <c>messageDeleted</c> event's argument.</summary>
public sealed record MessageDeletedDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("deletedAt")] string? DeletedAt,
    [property: JsonPropertyName("deletedBy")] string? DeletedBy)
{
    public static MessageDeletedDto From(MessageDeletion deletion) => new(
        deletion.Tombstone.Id, deletion.Tombstone.ConversationId, true, Iso.Format(deletion.Tombstone.DeletedAt), deletion.Tombstone.DeletedBy);
}
