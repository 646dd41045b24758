using System.Text.Json;
using System.Xml.Linq;
using Messaging.Deploy.Tests.Infrastructure;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests;

/// <summary>
/// Builds run alone: the benchmark builds itself and the app (Release) while it runs, which must not overlap the
/// other tests that build or publish.
/// </summary>
[CollectionDefinition(nameof(BuildsAlone), DisableParallelization = true)]
public sealed class BuildsAlone;

/// <summary>bench/Messaging.Bench runs end to end in its smoke mode and writes a complete results.json and chart.svg.</summary>
[Collection(nameof(BuildsAlone))]
public sealed class BenchmarkSmokeTests : IDisposable
{
    private static readonly string[] AllScenarios = ["send", "history", "inbox", "group-send-50", "group-send-1000", "search", "latency", "cold-start"];
    private static readonly string[] StorageMeasured = ["send", "history", "inbox", "group-send-50", "group-send-1000"];

    private readonly string _output = Path.Combine(Path.GetTempPath(), $"messaging-bench-{Guid.NewGuid():N}");

    [Fact]
    public async Task Smoke_WritesEveryScenarioAndAChart()
    {
        ProcessResult run = await ChildProcess.RunAsync(
            "dotnet",
            ["run", "-c", "Release", "--project", Path.Combine(RepositoryLayout.Root, "bench", "Messaging.Bench"), "--", "--smoke", "--output", _output],
            TimeSpan.FromMinutes(10), // generous: a first run builds everything, search starts a second app, and CI shares two cores
            TestContext.Current.CancellationToken,
            RepositoryLayout.Root);

        Assert.True(run.ExitCode == 0, run.Describe());
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "results.json")));
        Dictionary<string, JsonElement> scenarios = results.RootElement.GetProperty("scenarios").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Equal(AllScenarios.Order(StringComparer.Ordinal), scenarios.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, JsonElement scenario) in scenarios.Where(s => s.Value.GetProperty("available").GetBoolean()))
        {
            Assert.True(scenario.GetProperty("requests").GetInt64() > 0, $"{name}: no requests");
            Assert.True(scenario.GetProperty("errors").GetInt64() == 0, $"{name}: {scenario}");
            Assert.True(scenario.GetProperty("cpuMsPerRequest").GetDouble() > 0, $"{name}: no app CPU");
        }
        Assert.All(StorageMeasured, name =>
            Assert.True(scenarios[name].GetProperty("storageRequestsPerRequest").GetDouble() > 0, $"{name}: no storage requests counted"));
        Assert.All(scenarios.Values.Where(s => !s.GetProperty("available").GetBoolean()), s =>
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("reason").GetString())));
        XDocument chart = XDocument.Load(Path.Combine(_output, "chart.svg"));
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), chart.Root!.Name);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
