using Messaging.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Events;

/// <summary>
/// Deletes published events' outbox rows that no later batch in their conversation took along (an idle
/// conversation), once they have waited <see cref="OutboxOptions.CleanupAfter"/>; and all of them at shutdown.
/// Runs in every host: the rows waiting are this process's own.
/// </summary>
internal sealed partial class OutboxCleanupService(
    OutboxTableStore outbox, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan wait = options.Value.CleanupAfter;
        using var timer = new PeriodicTimer(wait / 2 > TimeSpan.Zero ? wait / 2 : TimeSpan.FromMilliseconds(100), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await DeleteAsync(wait, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DeleteAsync(TimeSpan.Zero, cancellationToken); // fewer duplicates for the sweeper after a restart
    }

    private async Task DeleteAsync(TimeSpan waitedAtLeast, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.DeleteWaitingAsync(waitedAtLeast, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCleanupFailed(ex); // the rows are put back and tried again; if never, the sweeper republishes (harmlessly)
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting published events' outbox rows failed; trying again shortly")]
    private partial void LogCleanupFailed(Exception exception);
}
