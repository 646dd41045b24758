using Messaging.Core.Events;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Events;

/// <summary>Options of the local outbox sweeper. Bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the local sweeper looks for events left behind. Defaults to one minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old a pending event must be to count as left behind. Defaults to 30 seconds.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Runs <see cref="OutboxSweep"/> on a timer in the local host (in Azure, a timer-triggered function does).</summary>
internal sealed partial class OutboxSweeperService(
    IServiceProvider services, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
