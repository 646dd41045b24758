namespace Messaging.Functions.Events;

/// <summary>Options of the local outbox sweeper. Bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the local sweeper looks for events left behind. Defaults to one minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old a pending event must be to count as left behind. Defaults to 30 seconds.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a published event's outbox row waits for the next batch in its conversation to delete it along
    /// the way, before it is deleted on its own. Defaults to 5 seconds; keep it well under <see cref="StaleAfter"/>.
    /// </summary>
    public TimeSpan CleanupAfter { get; set; } = TimeSpan.FromSeconds(5);
}
