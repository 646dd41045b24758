namespace Messaging.Core.Events;

/// <summary>
/// An event as services downstream of the topic see it: its <paramref name="Type"/> (camelCase, e.g.
/// <c>messageSent</c>; also the Service Bus message's <c>Subject</c>, for subscription filters) and its
/// <paramref name="Data"/>, a record of the documented fields (README "Events for downstream consumers").
/// </summary>
/// <remarks>
/// The data is a contract with other teams: fields may be added, never renamed or removed; a breaking change is a
/// new type. Fields that do not apply are left out (null is never written); lists are always present.
/// </remarks>
public sealed record DownstreamEvent(string Type, object Data);

/// <summary>One user's view of a file a message refers to, as downstream events carry it.</summary>
public sealed record DownstreamAttachment(string Url, string? Name, string? ContentType, long? Size);
