namespace Messaging.Core.Reads;

/// <summary>Where a participant's read cursor stands: <paramref name="ReadSeq"/> 0 means nothing read yet.</summary>
public sealed record ReadReceipt(string ConversationId, string User, long ReadSeq, DateTimeOffset? ReadAt)
{
    /// <summary>The delivered cursor as stored (markDelivered); 0 when never moved. See <see cref="DeliveredUpTo"/>.</summary>
    public long DeliveredSeq { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>How far the user's devices have the messages: reading implies delivery, so the further of the two cursors.</summary>
    public long DeliveredUpTo => Math.Max(DeliveredSeq, ReadSeq);
}
