namespace Messaging.Core.Blocking;

/// <summary>
/// <paramref name="User"/> blocks <paramref name="Blocked"/>: no direct messages between them, in either direction, until
/// unblocked. <paramref name="Reason"/> is an optional private note, seen only by <paramref name="User"/>.
/// </summary>
public sealed record BlockUser(string? User, string Blocked, string? Reason);

/// <summary><paramref name="User"/> lifts their block on <paramref name="Blocked"/> (if any).</summary>
public sealed record UnblockUser(string? User, string Blocked);
