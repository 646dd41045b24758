using Messaging.Core.Events;
using Messaging.Core.Messages;

namespace Messaging.Core.Deleting;

/// <summary>
/// A message was deleted. Its row is a tombstone already; the fan-out erases what else held its text (earlier
/// versions, reactions, replies' previews, inbox previews) and tells everyone.
/// </summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="Message">The tombstone.</param>
/// <param name="Participants">The conversation's participants, so fan-out needs no extra read.</param>
public sealed record MessageDeleted(string EventId, Message Message, IReadOnlyList<string> Participants)
    : MessagingEvent(EventId, Message.ConversationId, Message.DeletedAt ?? Message.SentAt)
{
    /// <summary>It was the conversation's latest message: inbox entries showing its preview are cleared.</summary>
    public bool IsLatest { get; init; }

    /// <summary>The conversation's revision this change made (see <see cref="Sync.Revision"/>).</summary>
    public long Revision { get; init; }

    public override DownstreamEvent ToDownstream() => new("messageDeleted", new MessageDeletedData(
        Message.Id, Message.ConversationId, Message.Sender, Message.DeletedBy ?? Message.Sender, Message.DeletedAt ?? OccurredAt));
}

/// <summary>The downstream <c>messageDeleted</c>: its sender's or a group admin's (<paramref name="DeletedBy"/>) deletion.</summary>
public sealed record MessageDeletedData(string MessageId, string ConversationId, string SenderId, string DeletedBy, DateTimeOffset DeletedAt);
