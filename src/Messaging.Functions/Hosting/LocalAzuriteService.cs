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
    IConfiguration configuration,
    ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<AzuriteService, AzuriteProcess> _running = [];
    private readonly List<Task> _supervision = [];
    private string _toolDirectory = "";
    private string _dataDirectory = "";

    /// <summary>Why local storage could not be started (Node.js missing), for Program to report and stop.</summary>
    public string? Failure { get; private set; }

    /// <summary>The emulator this app started and supervises, if any.</summary>
    public int? AzuriteProcessId => ProcessId(AzuriteService.Table);

    /// <summary>The process of one of the emulator's services, when this app started it.</summary>
    public int? ProcessId(AzuriteService service)
    {
        lock (_running)
        {
            return _running.TryGetValue(service, out AzuriteProcess? process) ? process.ProcessId : null;
        }
    }

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
            await StartServiceAsync(AzuriteService.Table, endpoint, cancellationToken);
            if (local.Value.StartBlobAndQueue)
            {
                // Where the Functions host's AzureWebJobsStorage looks for blobs and queues.
                foreach ((AzuriteService service, Uri other) in HostStorageEndpoints())
                {
                    if (await AzuriteProcess.IsListeningAsync(other.Host, other.Port, cancellationToken))
                    {
                        LogAlreadyListening(other.GetLeftPart(UriPartial.Authority));
                        continue;
                    }
                    await StartServiceAsync(service, other, cancellationToken);
                }
            }
        }
        catch (NodeMissingException ex)
        {
            // Reported once, as one line, by Program after start; failing StartAsync would print a stack trace.
            Failure = ex.Message;
        }
    }

    /// <summary>
    /// The local blob and queue endpoints of <c>AzureWebJobsStorage</c>: the well-known ports for
    /// <c>UseDevelopmentStorage=true</c>, or its <c>BlobEndpoint</c> and <c>QueueEndpoint</c> when they are on this machine.
    /// </summary>
    private IEnumerable<(AzuriteService, Uri)> HostStorageEndpoints()
    {
        var settings = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            settings.ConnectionString = configuration["AzureWebJobsStorage"] ?? "";
        }
        catch (ArgumentException)
        {
            yield break; // not a connection string; the host reports it
        }
        bool development = settings.TryGetValue("UseDevelopmentStorage", out object? flag) && string.Equals(flag as string, "true", StringComparison.OrdinalIgnoreCase);
        foreach (AzuriteService service in new[] { AzuriteService.Blob, AzuriteService.Queue })
        {
            Uri? endpoint = settings.TryGetValue($"{service}Endpoint", out object? value) && Uri.TryCreate(value as string, UriKind.Absolute, out Uri? given)
                ? given
                : development ? new Uri($"http://127.0.0.1:{service.DefaultPort()}") : null;
            if (endpoint is { IsLoopback: true })
            {
                yield return (service, endpoint);
            }
        }
    }

    private async Task StartServiceAsync(AzuriteService service, Uri endpoint, CancellationToken cancellationToken)
    {
        AzuriteProcess process = await AzuriteProcess.StartServiceAsync(service, _toolDirectory, endpoint.Port, _dataDirectory, cancellationToken);
        lock (_running)
        {
            _running[service] = process;
        }
        LogStarted(service, endpoint.Port);
        _supervision.Add(SuperviseAsync(service, endpoint, _stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await Task.WhenAll(_supervision);
        List<AzuriteProcess> running;
        lock (_running)
        {
            running = [.. _running.Values];
            _running.Clear();
        }
        foreach (AzuriteProcess process in running)
        {
            await process.DisposeAsync();
        }
        _stopping.Dispose();
    }

    /// <summary>Restarts a service on the same port and data whenever it exits, backing off while restarts fail.</summary>
    private async Task SuperviseAsync(AzuriteService service, Uri endpoint, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                AzuriteProcess running;
                lock (_running)
                {
                    running = _running[service];
                }
                await running.WaitForExitAsync(stopping);
                LogExited(service, endpoint.Port);
                lock (_running)
                {
                    _running.Remove(service);
                }
                await running.DisposeAsync();
                for (TimeSpan delay = TimeSpan.FromMilliseconds(500); ; delay = Min(delay * 2, MaxRestartDelay))
                {
                    if (await AzuriteProcess.IsListeningAsync(endpoint.Host, endpoint.Port, stopping))
                    {
                        LogAlreadyListening(endpoint.GetLeftPart(UriPartial.Authority));
                        return; // someone else serves the port now; theirs to run
                    }
                    try
                    {
                        AzuriteProcess restarted = await AzuriteProcess.StartServiceAsync(service, _toolDirectory, endpoint.Port, _dataDirectory, stopping);
                        lock (_running)
                        {
                            _running[service] = restarted;
                        }
                        LogRestarted(service, endpoint.Port);
                        break;
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or NodeMissingException or IOException)
                    {
                        LogRestartFailed(service, endpoint.Port, ex.Message, delay.TotalSeconds);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite {Service} service listening on port {Port}")]
    private partial void LogStarted(AzuriteService service, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Using the table service already listening at {Endpoint}: it was not started by this app, which will neither supervise nor stop it")]
    private partial void LogAlreadyListening(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite {Service} service on port {Port} exited unexpectedly; restarting it")]
    private partial void LogExited(AzuriteService service, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite {Service} service restarted on port {Port}")]
    private partial void LogRestarted(AzuriteService service, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite {Service} service could not be restarted on port {Port} ({Reason}); trying again in {Seconds} s")]
    private partial void LogRestartFailed(AzuriteService service, int port, string reason, double seconds);
}
