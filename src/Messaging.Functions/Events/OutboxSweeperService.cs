using Messaging.Core.Events;
using Messaging.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Events;

/// <summary>Runs <see cref="OutboxSweep"/> on a timer in the local host (in Azure, a timer-triggered function does).</summary>
internal sealed partial class OutboxSweeperService(
    IServiceProvider services, IOptions<OutboxOptions> options, IConfiguration configuration, TimeProvider clock,
    ILogger<OutboxSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FunctionsHost.IsHosting(configuration))
        {
            return; // the timer-triggered outboxSweeper function sweeps instead
        }
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int republished = await services.GetRequiredService<OutboxSweep>().RunAsync(options.Value.StaleAfter, stoppingToken);
                if (republished > 0)
                {
                    LogRepublished(republished);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox sweep republished {Count} event(s) left behind")]
    private partial void LogRepublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep failed; trying again next interval")]
    private partial void LogSweepFailed(Exception exception);
}
