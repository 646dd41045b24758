namespace Messaging.Functions.Features.Presence;

/// <summary>Connection leases and how often they are renewed and swept. Bound from the <c>Presence</c> section.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Presence";

    /// <summary>How long a connection counts without its server renewing it. Defaults to 90 seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long a connection to SignalR Service counts before the sweep asks the service whether it is still open (and
    /// renews it if so). Defaults to 10 minutes: the service reports closes itself, so this only catches a lost report.
    /// </summary>
    public TimeSpan ServiceLeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a server renews the leases of the connections it holds. Defaults to 30 seconds; keep it well under the lease.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the local server looks for expired leases (in Azure the outboxSweeper timer does). Defaults to 30 seconds.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
