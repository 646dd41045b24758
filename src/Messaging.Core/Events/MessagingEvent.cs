namespace Messaging.Core.Events;

/// <summary>
/// Something others must hear about. Written to the outbox in the same transaction as the change,
/// then published at least once; consumers are idempotent on <see cref="EventId"/>. Its JSON form is
/// <see cref="EventJson"/>'s, and its fan-out the <see cref="IEventFanOut"/> its feature registers.
/// </summary>
public abstract record MessagingEvent(string EventId, string ConversationId, DateTimeOffset OccurredAt)
{
    /// <summary>A new event id: a version 7 GUID, unique and roughly time-ordered.</summary>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>
    /// What services downstream of the topic receive for this event (see <see cref="EventEnvelope"/>): abstract, so a
    /// new event cannot be published without deciding its public shape.
    /// </summary>
    public abstract DownstreamEvent ToDownstream();
}
