using Messaging.DevStorage;
using Messaging.Storage;
using Messaging.Storage.Tables;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>
/// Starts Azurite before the server when the configured table endpoint is local and nothing listens
/// there, so `dotnet run` works on a fresh machine. Data persists under the tool folder; the emulator
/// stops with the app. Registered first, so it runs before anything touches storage.
/// </summary>
internal sealed partial class LocalAzuriteService(
    IOptions<TableStorageOptions> storage,
    IOptions<LocalStorageOptions> local,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteProcess? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!local.Value.StartAzurite || string.IsNullOrWhiteSpace(storage.Value.ConnectionString))
        {
            return;
        }
        Uri endpoint = TableConnectionString.Parse(storage.Value.ConnectionString).Endpoint;
        if (!endpoint.IsLoopback || await AzuriteProcess.IsListeningAsync(endpoint.Host, endpoint.Port, cancellationToken))
        {
            return;
        }

        string directory = local.Value.Directory ?? RepositoryRoot.AzuriteDirectory(environment.ContentRootPath);
        LogStarting(endpoint.Port, directory);
        try
        {
            _azurite = await AzuriteProcess.StartAsync(directory, endpoint.Port, Path.Combine(directory, "data"), cancellationToken);
        }
        catch (NodeMissingException ex)
        {
            LogNodeMissing(ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }
        LogStarted(endpoint.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing listens on the local table endpoint: starting Azurite on port {Port} (installed under {Directory})")]
    private partial void LogStarting(int port, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is serving tables on port {Port}")]
    private partial void LogStarted(int port);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private partial void LogNodeMissing(string message);
}
