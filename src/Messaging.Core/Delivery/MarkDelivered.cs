namespace Messaging.Core.Delivery;

/// <summary>Move <paramref name="User"/>'s delivered cursor to <paramref name="MessageId"/> (default: the latest message).</summary>
public sealed record MarkDelivered(string ConversationId, string? User, string? MessageId);

/// <summary>Where the user's effective delivered position stands after marking (0: nothing delivered yet).</summary>
public sealed record MarkDeliveredResult(string ConversationId, long DeliveredSeq);
