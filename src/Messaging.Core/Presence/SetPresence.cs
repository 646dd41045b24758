namespace Messaging.Core.Presence;

/// <summary><paramref name="User"/> chooses their status: <c>online</c> or <c>away</c>.</summary>
public sealed record SetPresence(string? User, string Status);
