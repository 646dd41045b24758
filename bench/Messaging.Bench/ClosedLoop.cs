using System.Diagnostics;

namespace Messaging.Bench;

/// <summary>
/// A closed loop: each of --concurrency clients sends its next request as soon as the previous one answers. A warm-up
/// runs first and drains; then the measured window runs and drains, so the app's counters cover exactly its requests.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>One request; returns the HTTP status.</summary>
    public delegate Task<int> Operation(CancellationToken cancellationToken);

    public static async Task<ScenarioResult> RunAsync(BenchContext context, string name, string description, Operation operation, CancellationToken cancellationToken)
    {
        BenchOptions options = context.Options;
        await RunWindowAsync(operation, options.Concurrency, options.WarmUp, cancellationToken);

        Measurement measurement = await Measurement.BeginAsync(context, cancellationToken);
        var elapsed = Stopwatch.StartNew();
        Window window = await RunWindowAsync(operation, options.Concurrency, options.Duration, cancellationToken);
        elapsed.Stop();
        long requests = window.Latencies.Count;
        (double cpu, double storage, double entities) = await measurement.EndAsync(requests, cancellationToken);

        (double? p50, double? p90, double? p99) = Percentiles.Of(window.Latencies);
        return new ScenarioResult(
            name, description, true, null, requests, window.Errors, requests / elapsed.Elapsed.TotalSeconds,
            p50, p90, p99, cpu, storage, entities, window.FirstError);
    }

    internal sealed class Window
    {
        public List<double> Latencies { get; } = [];

        public long Errors { get; set; }

        public string? FirstError { get; set; }
    }

    /// <summary>The clients' loop for <paramref name="duration"/>: every request's latency, and the errors.</summary>
    internal static async Task<Window> RunWindowAsync(Operation operation, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var window = new Window();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        return window;

        async Task ClientAsync()
        {
            var latencies = new List<double>();
            long errors = 0;
            string? firstError = null;
            while (clock.Elapsed < duration)
            {
                long start = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    int status = await operation(cancellationToken);
                    error = status is >= 200 and < 300 ? null : $"HTTP {status}";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    error = ex.Message;
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (error is not null)
                {
                    errors++;
                    firstError ??= error;
                }
            }
            lock (window)
            {
                window.Latencies.AddRange(latencies);
                window.Errors += errors;
                window.FirstError ??= firstError is null ? null : "first error: " + firstError;
            }
        }
    }
}
