namespace Messaging.Core.Presence;

/// <summary>
/// The stored presence of a user: <paramref name="Online"/> as last published (so a change is published once),
/// the chosen <paramref name="Status"/>, <paramref name="LastSeen"/> once they went offline, and the store's
/// concurrency token (<paramref name="Version"/>) that every write of the record is guarded by.
/// </summary>
public sealed record PresenceRecord(bool Online, string Status, DateTimeOffset? LastSeen, string? Version = null);
