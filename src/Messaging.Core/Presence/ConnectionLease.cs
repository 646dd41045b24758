namespace Messaging.Core.Presence;

/// <summary>
/// One real-time connection of a user; it counts until <paramref name="LeaseUntil"/>, which its owner renews: the server
/// whose hub holds it, or, for a connection to SignalR Service (<paramref name="ViaService"/>), the sweep after asking
/// the service whether it is still open.
/// </summary>
public sealed record ConnectionLease(string ConnectionId, DateTimeOffset LeaseUntil, bool ViaService = false, string? Version = null);
