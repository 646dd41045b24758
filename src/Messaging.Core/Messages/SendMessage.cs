namespace Messaging.Core.Messages;

/// <summary>Send a message to a conversation.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Sender">Who sends; may be left out when the caller is authenticated.</param>
/// <param name="Content">The text.</param>
/// <param name="ClientMessageId">
/// Optional idempotency key chosen by the client: a retried send with the same key, sender and
/// conversation returns the original message and stores nothing new; the same key with other content is a conflict.
/// </param>
public sealed record SendMessage(string ConversationId, string? Sender, string Content, string? ClientMessageId = null);
