using Messaging.Core.Presence;
using Messaging.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Features.Presence;

/// <summary>
/// The local server's presence timers: renews the leases of the connections its hub holds (the heartbeat), and sweeps
/// leases that ran out (another server died). Under the Functions host, clients connect to SignalR Service instead,
/// and the outboxSweeper timer function sweeps.
/// </summary>
internal sealed partial class PresenceHeartbeatService(
    LocalPresenceConnections connections, PresenceSweep sweep, IOptions<PresenceOptions> options, IConfiguration configuration,
    TimeProvider clock, ILogger<PresenceHeartbeatService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FunctionsHost.IsHosting(configuration))
        {
            return Task.CompletedTask;
        }
        return Task.WhenAll(
            EveryAsync(options.Value.HeartbeatInterval, connections.RenewAllAsync, "renew", stoppingToken),
            EveryAsync(options.Value.SweepInterval, sweep.RunAsync, "sweep", stoppingToken));
    }

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task<int>> work, string what, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex, what);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence {Work} failed; trying again next interval")]
    private partial void LogFailed(Exception exception, string work);
}
