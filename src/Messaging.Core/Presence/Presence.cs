namespace Messaging.Core.Presence;

/// <summary>
/// What others see of a user: <paramref name="Online"/> while one of their real-time connections counts, the
/// <paramref name="Status"/> they chose (<see cref="PresenceStatus.Online"/> or <see cref="PresenceStatus.Away"/>) while
/// online and <see cref="PresenceStatus.Offline"/> otherwise, and <paramref name="LastSeen"/>, when their last connection
/// stopped counting (null while online, and for a user never seen or not visible to the viewer).
/// </summary>
/// <remarks>The argument of <c>presenceChanged</c> and an element of <c>_getPresence</c>.</remarks>
public sealed record Presence(string User, bool Online, string Status, DateTimeOffset? LastSeen)
{
    /// <summary>How a user looks to someone who may not see their presence, and to everyone before their first connection.</summary>
    public static Presence Unknown(string user) => new(user, false, PresenceStatus.Offline, null);
}
