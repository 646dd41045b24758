using System.Diagnostics;
using Messaging.Bench;
using Messaging.DevStorage;

// The performance benchmark; see bench/README.md. Progress goes to stderr, the table to stdout.
string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? RepositoryRoot.Find(Environment.CurrentDirectory)
    ?? throw new InvalidOperationException("Messaging.sln not found above the benchmark or the current folder.");
BenchOptions? options = BenchOptions.Parse(args, root, [.. Scenarios.All.Select(s => s.Name)]);
if (options is null)
{
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
CancellationToken cancellationToken = cancel.Token;

Progress("building src/Messaging.Functions (Release)");
string dll = await AppBuild.BuildAsync(root, cancellationToken);

Progress("starting Azurite (in memory, free port)");
await using AzuriteProcess azurite = await AzuriteProcess.StartAsync(RepositoryRoot.AzuriteDirectory(root), cancellationToken: cancellationToken);

Progress("starting the app");
await using AppUnderTest app = AppUnderTest.Start(dll, azurite.ConnectionString);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{
    BaseAddress = app.BaseAddress,
    Timeout = TimeSpan.FromSeconds(10),
};
await app.WaitUntilHealthyAsync(http, Stopwatch.StartNew(), TimeSpan.FromSeconds(60), cancellationToken);
await using StorageCounters counters = StorageCounters.Attach(app.ProcessId);

var context = new BenchContext(options, new Api(http), app, counters, dll, azurite.ConnectionString);
var results = new List<ScenarioResult>();
foreach (IScenario scenario in options.Scenarios.Select(name => Scenarios.All.First(s => s.Name == name)))
{
    Progress($"{scenario.Name}: {scenario.Description}");
    ScenarioResult result = await scenario.RunAsync(context, cancellationToken);
    results.Add(result);
    await QuiesceAsync(counters, cancellationToken);
}

MachineInfo machine = MachineInfo.Current(TimeProvider.System);
Console.WriteLine(Report.Markdown(machine, options, results));
Directory.CreateDirectory(options.Output);
await File.WriteAllTextAsync(Path.Combine(options.Output, "results.json"), Report.JsonDocument(machine, options, results) + "\n", cancellationToken);
await File.WriteAllTextAsync(Path.Combine(options.Output, "chart.svg"), Report.Svg(machine, results), cancellationToken);
Progress($"wrote {Path.Combine(options.Output, "results.json")} and chart.svg");
return 0;

static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");

// A scenario's background work (fan-out after sends) must not run into the next scenario's window: wait until
// the app's storage traffic has died down (a stray outbox clean-up is allowed), for a minute at most.
static async Task QuiesceAsync(StorageCounters counters, CancellationToken cancellationToken)
{
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < TimeSpan.FromMinutes(1))
    {
        await counters.FlushAsync(cancellationToken);
        double before = counters.Total(StorageCounters.Requests);
        await Task.Delay(500, cancellationToken);
        await counters.FlushAsync(cancellationToken);
        if (counters.Total(StorageCounters.Requests) - before <= 2)
        {
            return;
        }
    }
}
