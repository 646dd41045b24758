using System.Diagnostics;

namespace Messaging.Bench;

/// <summary>
/// Time from starting a new app process (storage already up, the build already done) to its first 200 on
/// GET /api/health; median of 3 starts. CPU is the new process's own, up to that answer.
/// </summary>
internal sealed class ColdStartScenario : IScenario
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public string Name => "cold-start";

    public string Description => "new app process to its first 200 on GET /api/health, median of 3 starts";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int starts = context.Size(3, 1);
        var times = new List<double>();
        double cpu = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (int i = 0; i < starts; i++)
        {
            var clock = Stopwatch.StartNew();
            await using AppUnderTest app = AppUnderTest.Start(context.AppDll, context.StorageConnectionString);
            TimeSpan healthy = await app.WaitUntilHealthyAsync(http, clock, StartTimeout, cancellationToken);
            cpu += app.CpuTime.TotalMilliseconds;
            times.Add(healthy.TotalMilliseconds);
        }
        (double? p50, double? p90, double? p99) = Percentiles.Of(times);
        return new ScenarioResult(
            Name, Description, true, null, starts, 0, null, p50, p90, p99, cpu / starts, null, null,
            "requests = starts; percentiles over the starts; CPU ms per start", PerRequest: false);
    }
}
