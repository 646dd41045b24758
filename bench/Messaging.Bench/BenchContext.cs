namespace Messaging.Bench;

/// <summary>What every scenario runs against: the options, the app (and its counters), and the way to start more apps.</summary>
internal sealed class BenchContext(BenchOptions options, Api api, AppUnderTest app, StorageCounters counters, string appDll, string storageConnectionString)
{
    public BenchOptions Options => options;

    public Api Api => api;

    public AppUnderTest App => app;

    public StorageCounters Counters => counters;

    public string AppDll => appDll;

    public string StorageConnectionString => storageConnectionString;

    /// <summary>A prefix that keeps this run's user ids apart from any other data in the table.</summary>
    public string RunId { get; } = "bench" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A setup size: the full one, or a small one under --smoke.</summary>
    public int Size(int full, int smoke) => options.Smoke ? smoke : full;
}
