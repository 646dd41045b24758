using Azure.Data.Tables;
using Messaging.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.Functions.Health;

/// <summary>
/// Storage is reachable and the table exists: one small query, bounded by <see cref="Timeout"/>. The result is
/// kept for <see cref="CacheFor"/> so a burst of probes costs one storage call, yet an outage shows within seconds.
/// </summary>
internal sealed class StorageHealthCheck(MessagingTable table, TimeProvider time) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, long At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }
        // One probe at a time: callers that queue behind it take its answer.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } justChecked)
            {
                return justChecked;
            }
            HealthCheckResult result = await ProbeAsync(cancellationToken);
            _last = (result, time.GetTimestamp());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private HealthCheckResult? Fresh() =>
        _last is { } last && time.GetElapsedTime(last.At) < CacheFor ? last.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            TableClient client = await table.GetAsync(timeout.Token);
            // Reads nothing, but fails when storage is down or the table was deleted after it was created.
            await foreach (Azure.Page<TableEntity> _ in client.QueryAsync<TableEntity>("PartitionKey eq 'health'", maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages())
            {
                break;
            }
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Storage did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (StorageOutage.Is(ex) || ex is Azure.RequestFailedException)
        {
            if (ex is Azure.RequestFailedException { Status: 404 })
            {
                table.Forget(); // storage came back empty: the next check (or request) creates the table again
            }
            return HealthCheckResult.Unhealthy($"Storage is unavailable: {Reason(ex)}", ex);
        }
    }

    /// <summary>A short reason: the service's status and code, or the transport's first line, never a connection string.</summary>
    private static string Reason(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions: [var first, ..] } => Reason(first),
        Azure.RequestFailedException { Status: > 0 } failed => $"{failed.Status} {failed.ErrorCode}".TrimEnd(),
        Azure.RequestFailedException { InnerException: { } inner } => inner.Message,
        _ => ex.Message,
    };
}
