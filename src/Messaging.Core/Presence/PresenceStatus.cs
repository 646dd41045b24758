namespace Messaging.Core.Presence;

/// <summary>The status values.</summary>
public static class PresenceStatus
{
    public const string Online = "online";
    public const string Away = "away";

    /// <summary>Reported while a user has no connection that counts; never stored, never set.</summary>
    public const string Offline = "offline";

    /// <summary>The statuses a user may choose with setPresence.</summary>
    public static bool IsSettable(string status) => status is Online or Away;
}
