namespace Messaging.Core.Presence;

/// <summary>
/// One atomic change of a user's presence: <paramref name="Next"/> replaces the record read at
/// <paramref name="ReadVersion"/> (inserted when null), <paramref name="Add"/> is stored and <paramref name="Remove"/>
/// deleted (each guarded by its version), all or nothing.
/// </summary>
public sealed record PresenceCommit(string User, PresenceRecord Next, string? ReadVersion, ConnectionLease? Add, IReadOnlyList<ConnectionLease> Remove);
