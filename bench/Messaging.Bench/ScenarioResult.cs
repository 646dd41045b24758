namespace Messaging.Bench;

/// <summary>
/// One row of the report. Null figures were not measured for that scenario (or it is not available). A row that is not
/// <see cref="PerRequest"/> (cold start) counts starts, not requests, so the chart keeps it out of the bar scales.
/// </summary>
internal sealed record ScenarioResult(
    string Name,
    string Description,
    bool Available,
    string? Reason,
    long Requests,
    long Errors,
    double? Rps,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? CpuMsPerRequest,
    double? StorageRequestsPerRequest,
    double? EntitiesReadPerRequest,
    string? Note = null,
    bool PerRequest = true)
{
    public static ScenarioResult NotAvailable(string name, string description, string reason) =>
        new(name, description, false, reason, 0, 0, null, null, null, null, null, null, null);
}

/// <summary>Latency percentiles over a set of samples (nearest rank); null without samples.</summary>
internal static class Percentiles
{
    public static (double? P50, double? P90, double? P99) Of(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return (null, null, null);
        }
        samples.Sort();
        return (Rank(samples, 0.50), Rank(samples, 0.90), Rank(samples, 0.99));
    }

    private static double Rank(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
