namespace Messaging.Core.Messages;

/// <summary>A message, the <paramref name="Seq"/>-th of its conversation.</summary>
public sealed record Message(string ConversationId, long Seq, string Sender, string Content, DateTimeOffset SentAt)
{
    public string Id => MessageId.Format(ConversationId, Seq);
}
