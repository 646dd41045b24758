using Messaging.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>
/// Does the first request's one-time work while the server starts, on another thread: makes sure the table exists
/// (which builds the storage pipeline and opens its first connection) and sets up the bearer-token options. Each
/// runs once either way, so this only moves it off the first request's path; failures are left for that request
/// to meet and report.
/// </summary>
internal sealed partial class StartupWarmUp(IServiceProvider services, ILogger<StartupWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(async () =>
    {
        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
            await services.GetRequiredService<MessagingTable>().GetAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex.Message);
        }
        catch (Exception)
        {
            // stopping: nothing to warm any more
        }
    }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up warm-up failed; the first request will retry: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
