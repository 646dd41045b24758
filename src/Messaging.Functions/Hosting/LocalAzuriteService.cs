using Messaging.DevStorage;
using Messaging.Storage;
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
    ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteProcess? _azurite;

    /// <summary>Why local storage could not be started (Node.js missing), for Program to report and stop.</summary>
    public string? Failure { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!local.Value.StartAzurite || string.IsNullOrWhiteSpace(storage.Value.ConnectionString))
        {
            return;
        }
        Uri endpoint = TableStorageConnection.Endpoint(storage.Value.ConnectionString);
        if (!endpoint.IsLoopback || await AzuriteProcess.IsListeningAsync(endpoint.Host, endpoint.Port, cancellationToken))
        {
            return;
        }

        string directory = string.IsNullOrWhiteSpace(local.Value.Directory) ? RepositoryRoot.AzuriteDirectory(environment.ContentRootPath) : local.Value.Directory;
        LogStarting(endpoint.Port, directory);
        try
        {
            _azurite = await AzuriteProcess.StartAsync(directory, endpoint.Port, Path.Combine(directory, "data"), cancellationToken);
        }
        catch (NodeMissingException ex)
        {
            // Reported once, as one line, by Program after start; failing StartAsync would print a stack trace.
            Failure = ex.Message;
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
}
