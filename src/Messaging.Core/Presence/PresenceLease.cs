namespace Messaging.Core.Presence;

/// <summary>
/// How long a connection counts without its owner renewing it: <paramref name="Duration"/> for a connection to this app's
/// hub, <paramref name="ServiceDuration"/> for one to SignalR Service (renewed by the sweep, which asks the service).
/// </summary>
public sealed record PresenceLease(TimeSpan Duration, TimeSpan ServiceDuration);
