namespace Messaging.Core.Messages;

/// <summary>Send a message to a conversation.</summary>
public sealed record SendMessage(string ConversationId, string Sender, string Content);
