namespace Messaging.Core.Blocking;

/// <summary>A block <paramref name="User"/> holds on <paramref name="Blocked"/>.</summary>
/// <param name="User">The blocker.</param>
/// <param name="Blocked">The blocked user.</param>
/// <param name="Reason">The blocker's private note, if any.</param>
/// <param name="BlockedAt">When the block was first made (UTC, millisecond precision); blocking again keeps it.</param>
/// <param name="Version">The store's concurrency token for this state (an ETag); null before it is stored.</param>
public sealed record Block(string User, string Blocked, string? Reason, DateTimeOffset BlockedAt, string? Version = null);
