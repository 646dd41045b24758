using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Messaging.Bench;

/// <summary>
/// The app's own counters on meter "Messaging", read out of process over EventPipe the way dotnet-counters does:
/// the runtime's System.Diagnostics.Metrics event source aggregates each instrument and publishes, every refresh
/// interval, one CounterRateValuePublished event per time series: "rate" is the increase over the interval and
/// "value" the total since the session started. A scenario reads the totals before and after its window.
/// </summary>
internal sealed class StorageCounters : IAsyncDisposable
{
    public const string Requests = "messaging.storage.requests";
    public const string EntitiesRead = "messaging.storage.entities.read";

    private const string MetricsSource = "System.Diagnostics.Metrics";
    private const double RefreshSeconds = 0.25;

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly Dictionary<(string Instrument, string Tags), double> _totals = [];
    private readonly object _gate = new();
    private long _collections;
    private string? _error;

    private StorageCounters(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = _sessionId,
            ["Metrics"] = "Messaging",
            ["RefreshInterval"] = RefreshSeconds.ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "10",
        };
        // Keywords: 0x1 messages (errors), 0x2 the published values. Not 0x4, which lists every instrument in the process.
        var provider = new EventPipeProvider(MetricsSource, EventLevel.Informational, 0x1 | 0x2, arguments);
        _session = client.StartEventPipeSession([provider], requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Run(() =>
        {
            try
            {
                _source.Process();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
            {
                // the session ended with the app
            }
        });
    }

    /// <summary>Connects to the app's diagnostic port and starts a metrics session.</summary>
    public static StorageCounters Attach(int processId) => new(processId);

    /// <summary>The running total of an instrument since the session started.</summary>
    public double Total(string instrument)
    {
        lock (_gate)
        {
            return _totals.Where(series => series.Key.Instrument == instrument).Sum(series => series.Value);
        }
    }

    /// <summary>
    /// Waits until two more collections have been published, so every measurement made before the call is in the
    /// totals (the one in progress may have started before it).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        long target = Interlocked.Read(ref _collections) + 2;
        var timeout = TimeSpan.FromSeconds(10);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Interlocked.Read(ref _collections) < target)
        {
            if (_error is not null)
            {
                throw new InvalidOperationException($"The metrics session failed: {_error}");
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException("The app published no metrics over EventPipe within 10 s.");
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException)
        {
            // the app is already gone
        }
        await Task.WhenAny(_processing, Task.Delay(TimeSpan.FromSeconds(5)));
        _source.Dispose();
        _session.Dispose();
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.ProviderName != MetricsSource)
        {
            return;
        }
        switch (data.EventName)
        {
            case "CounterRateValuePublished" when Matches(data):
                var series = ((string)data.PayloadByName("instrumentName"), data.PayloadByName("tags") as string ?? "");
                lock (_gate)
                {
                    double previous = _totals.TryGetValue(series, out double total) ? total : 0;
                    // The cumulative "value" (.NET 8+) survives a lost event; older runtimes send only the rate.
                    _totals[series] = Number(data.PayloadByName("value")) ?? previous + (Number(data.PayloadByName("rate")) ?? 0);
                }
                break;
            case "Collection/Stop" or "CollectionStop" when Matches(data):
                Interlocked.Increment(ref _collections);
                break;
            case "Error" or "MultipleSessionsNotSupportedError" or "MultipleSessionsConfiguredIncorrectlyError"
                or "TimeSeriesLimitReached" or "ObservableInstrumentCallbackError":
                _error = $"{data.EventName}: {string.Join(", ", data.PayloadNames.Select(n => $"{n}={data.PayloadByName(n)}"))}";
                break;
            default:
                break;
        }
    }

    private static double? Number(object? payload) =>
        double.TryParse(payload as string, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null;

    private bool Matches(TraceEvent data) => string.Equals(data.PayloadByName("sessionId") as string, _sessionId, StringComparison.Ordinal);
}
