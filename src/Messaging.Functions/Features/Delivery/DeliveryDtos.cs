using System.Text.Json.Serialization;
using Messaging.Core.Delivery;
using Messaging.Functions.Features.Reads;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Delivery;

/// <summary>The body of <c>markDelivered</c>: <see cref="User"/> defaults to the caller, <see cref="MessageId"/> to the latest message.</summary>
public sealed record MarkDeliveredRequest
{
    public required string ConversationId { get; init; }

    public string? User { get; init; }

    public string? MessageId { get; init; }
}

/// <summary>Where the user's delivered position stands (a read counts): a message id, or null while nothing is delivered.</summary>
public sealed record MarkDeliveredResponse([property: JsonPropertyName("deliveredUpTo")] string? DeliveredUpTo)
{
    public static MarkDeliveredResponse From(MarkDeliveredResult result) => new(Cursor.MessageAt(result.ConversationId, result.DeliveredSeq));
}

/// <summary>The <c>messageDelivered</c> event's argument.</summary>
public sealed record MessageDeliveredDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("deliveredUpTo")] string? DeliveredUpTo,
    [property: JsonPropertyName("deliveredAt")] string DeliveredAt)
{
    public static MessageDeliveredDto From(DeliveryReceipt receipt) =>
        new(receipt.ConversationId, receipt.User, Cursor.MessageAt(receipt.ConversationId, receipt.DeliveredSeq), Iso.Format(receipt.DeliveredAt));
}
