using Messaging.DevStorage;
using Messaging.Storage;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>
/// Starts Azurite before the server when the configured table endpoint is local and nothing listens there, so
/// `dotnet run` works on a fresh machine, and restarts it if it dies while the app runs. Data persists under the
/// tool folder; the emulator stops with the app. An emulator the app did not start is used as it is, and said so
/// once. Registered first, so it runs before anything touches storage.
/// </summary>
internal sealed partial class LocalAzuriteService(
    IOptions<TableStorageOptions> storage,
    IOptions<LocalStorageOptions> local,
    IHostEnvironment environment,
    ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private AzuriteProcess? _azurite;
    private Task _supervision = Task.CompletedTask;
    private string _toolDirectory = "";
    private string _dataDirectory = "";

    /// <summary>Why local storage could not be started (Node.js missing), for Program to report and stop.</summary>
    public string? Failure { get; private set; }

    /// <summary>The emulator this app started and supervises, if any.</summary>
    public int? AzuriteProcessId => _azurite?.ProcessId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!local.Value.StartAzurite || string.IsNullOrWhiteSpace(storage.Value.ConnectionString))
        {
            return;
        }
        Uri endpoint = TableStorageConnection.Endpoint(storage.Value.ConnectionString);
        if (!endpoint.IsLoopback)
        {
            return;
        }
        if (await AzuriteProcess.IsListeningAsync(endpoint.Host, endpoint.Port, cancellationToken))
        {
            LogAlreadyListening(endpoint.GetLeftPart(UriPartial.Authority));
            return;
        }

        _toolDirectory = string.IsNullOrWhiteSpace(local.Value.Directory) ? RepositoryRoot.AzuriteDirectory(environment.ContentRootPath) : local.Value.Directory;
        _dataDirectory = string.IsNullOrWhiteSpace(local.Value.DataDirectory) ? Path.Combine(_toolDirectory, "data") : local.Value.DataDirectory;
        LogStarting(endpoint.Port, _toolDirectory);
        try
        {
            _azurite = await AzuriteProcess.StartAsync(_toolDirectory, endpoint.Port, _dataDirectory, cancellationToken);
        }
        catch (NodeMissingException ex)
        {
            // Reported once, as one line, by Program after start; failing StartAsync would print a stack trace.
            Failure = ex.Message;
            return;
        }
        LogStarted(endpoint.Port);
        _supervision = SuperviseAsync(endpoint, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await _supervision;
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }
        _stopping.Dispose();
    }

    /// <summary>Restarts the emulator on the same port and data whenever it exits, backing off while restarts fail.</summary>
    private async Task SuperviseAsync(Uri endpoint, CancellationToken stopping)
    {
        try
        {
            while (_azurite is { } running)
            {
                await running.WaitForExitAsync(stopping);
                LogExited(endpoint.Port);
                await running.DisposeAsync();
                _azurite = null;
                for (TimeSpan delay = TimeSpan.FromMilliseconds(500); _azurite is null; delay = Min(delay * 2, MaxRestartDelay))
                {
                    if (await AzuriteProcess.IsListeningAsync(endpoint.Host, endpoint.Port, stopping))
                    {
                        LogAlreadyListening(endpoint.GetLeftPart(UriPartial.Authority));
                        return; // someone else serves the port now; theirs to run
                    }
                    try
                    {
                        _azurite = await AzuriteProcess.StartAsync(_toolDirectory, endpoint.Port, _dataDirectory, stopping);
                        LogRestarted(endpoint.Port);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or NodeMissingException or IOException)
                    {
                        LogRestartFailed(endpoint.Port, ex.Message, delay.TotalSeconds);
                        await Task.Delay(delay, stopping);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the app is stopping
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing listens on the local table endpoint: starting Azurite on port {Port} (installed under {Directory})")]
    private partial void LogStarting(int port, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is serving tables on port {Port}")]
    private partial void LogStarted(int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Using the table service already listening at {Endpoint}: it was not started by this app, which will neither supervise nor stop it")]
    private partial void LogAlreadyListening(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite on port {Port} exited unexpectedly; restarting it")]
    private partial void LogExited(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite restarted on port {Port}")]
    private partial void LogRestarted(int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite could not be restarted on port {Port} ({Reason}); trying again in {Seconds} s")]
    private partial void LogRestartFailed(int port, string reason, double seconds);
}
