namespace Messaging.Core.Messages;

/// <summary>Send a message to a conversation.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Sender">Who sends; may be left out when the caller is authenticated.</param>
/// <param name="Content">The text; may be empty when the message has <see cref="Attachments"/> or a <see cref="Payload"/>.</param>
/// <param name="ClientMessageId">
/// Optional idempotency key chosen by the client: a retried send with the same key, sender and
/// conversation returns the original message and stores nothing new; the same key for another message is a conflict.
/// </param>
public sealed record SendMessage(string ConversationId, string? Sender, string? Content, string? ClientMessageId = null)
{
    /// <summary>The application's label (<see cref="MessageTypes"/>); <c>text</c> when null.</summary>
    public string? Type { get; init; }

    /// <summary>An application-defined JSON object as compact JSON text.</summary>
    public string? Payload { get; init; }

    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>The id of the message this one answers.</summary>
    public string? ReplyTo { get; init; }
}
