namespace Messaging.Core.Reads;

/// <summary>Where a participant's read cursor stands: <paramref name="ReadSeq"/> 0 means nothing read yet.</summary>
public sealed record ReadReceipt(string ConversationId, string User, long ReadSeq, DateTimeOffset? ReadAt);
