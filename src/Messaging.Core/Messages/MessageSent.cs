using System.Text.Json;
using Messaging.Core.Events;

namespace Messaging.Core.Messages;

/// <summary>A message was sent; every participant's inbox moves forward and every participant is notified.</summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="Message">The message as stored.</param>
/// <param name="Participants">The conversation's participants when it was sent, so fan-out needs no extra read.</param>
public sealed record MessageSent(string EventId, Message Message, IReadOnlyList<string> Participants)
    : MessagingEvent(EventId, Message.ConversationId, Message.SentAt)
{
    /// <summary>Sent to a group, whose inbox entries learn their participants from membership events rather than every message.</summary>
    public bool IsGroup { get; init; }

    public override DownstreamEvent ToDownstream() => new("messageSent", new MessageSentData(
        Message.Id, Message.ConversationId, Message.Sender, Message.Content, Message.Type, Message.SentAt,
        [.. Participants.Where(p => !string.Equals(p, Message.Sender, StringComparison.Ordinal))],
        Message.ReplyTo is { } reply ? MessageId.Format(Message.ConversationId, reply.Seq) : null,
        [.. Message.Attachments.Select(a => new DownstreamAttachment(a.Url, a.Name, a.ContentType, a.Size))],
        Message.Payload is null ? null : JsonDocument.Parse(Message.Payload).RootElement.Clone()));
}

/// <summary>
/// The downstream <c>messageSent</c>: ids are the public ones (<c>{conversationId}-{seq}</c>); <paramref name="RecipientIds"/>
/// are the participants other than the sender when it was sent; <paramref name="Payload"/> the application's JSON object as sent.
/// </summary>
public sealed record MessageSentData(
    string MessageId, string ConversationId, string SenderId, string Content, string Type, DateTimeOffset SentAt,
    IReadOnlyList<string> RecipientIds, string? ReplyToMessageId, IReadOnlyList<DownstreamAttachment> Attachments, JsonElement? Payload);
