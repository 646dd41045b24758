namespace Messaging.Core.Realtime;

/// <summary>
/// One real-time event for one user (all of that user's connections). <paramref name="Payload"/> is a
/// domain value; each host turns it into the same JSON the HTTP API returns for it.
/// </summary>
public sealed record Notification(string UserId, string Target, object Payload);
