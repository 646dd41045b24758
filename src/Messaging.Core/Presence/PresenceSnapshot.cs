namespace Messaging.Core.Presence;

/// <summary>A user's record (null before their first connection or status) and their connections, read together.</summary>
public sealed record PresenceSnapshot(PresenceRecord? Record, IReadOnlyList<ConnectionLease> Connections);
