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
}
