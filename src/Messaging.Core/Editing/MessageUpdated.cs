using Messaging.Core.Events;
using Messaging.Core.Messages;

namespace Messaging.Core.Editing;

/// <summary>A message's text was edited: everyone sees the new text, and replies to it show the new start of it.</summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="Message">The message as it now stands.</param>
/// <param name="Participants">The conversation's participants, so fan-out needs no extra read.</param>
public sealed record MessageUpdated(string EventId, Message Message, IReadOnlyList<string> Participants)
    : MessagingEvent(EventId, Message.ConversationId, Message.EditedAt ?? Message.SentAt)
{
    /// <summary>It was the conversation's latest message when edited: inbox entries showing its preview follow.</summary>
    public bool IsLatest { get; init; }

    /// <summary>The conversation's revision this change made (see <see cref="Sync.Revision"/>).</summary>
    public long Revision { get; init; }

    public override DownstreamEvent ToDownstream() => new("messageEdited", new MessageEditedData(
        Message.Id, Message.ConversationId, Message.Sender, Message.Content, Message.EditedAt ?? OccurredAt));
}

/// <summary>The downstream <c>messageEdited</c>: the message's new text (only its sender edits it).</summary>
public sealed record MessageEditedData(string MessageId, string ConversationId, string SenderId, string Content, DateTimeOffset EditedAt);
