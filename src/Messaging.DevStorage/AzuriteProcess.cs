using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Messaging.DevStorage;

/// <summary>A running Azurite service (tables unless asked otherwise), stopped on dispose.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The emulator's well-known account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private AzuriteProcess(Process process, int port, string? dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    /// <summary>Where the data persists, or null when it is kept in memory.</summary>
    public string? DataDirectory { get; }

    /// <summary>The loopback port the service listens on.</summary>
    public int Port { get; }

    /// <summary>The emulator's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes when the emulator exits, whoever stopped it.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>A connection string for this instance (path-style endpoint, well-known account).</summary>
    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The connection string of an Azurite Table service on <paramref name="port"/> of 127.0.0.1.</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AccountName};";

    /// <summary>
    /// Installs Azurite if needed and starts its Table service on 127.0.0.1.
    /// </summary>
    /// <param name="toolDirectory">Where Azurite is installed (see <see cref="AzuriteInstaller"/>).</param>
    /// <param name="port">The port, or 0 to pick a free one.</param>
    /// <param name="dataDirectory">Where data persists; null keeps everything in memory.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<AzuriteProcess> StartAsync(string toolDirectory, int port = 0, string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        StartServiceAsync(AzuriteService.Table, toolDirectory, port, dataDirectory, cancellationToken);

    /// <summary>Installs Azurite if needed and starts one of its services on 127.0.0.1.</summary>
    public static async Task<AzuriteProcess> StartServiceAsync(AzuriteService service, string toolDirectory, int port = 0, string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        await AzuriteInstaller.EnsureInstalledAsync(toolDirectory, cancellationToken);
        string script = AzuriteInstaller.ScriptPath(toolDirectory, service);
        string name = service.ToString().ToLowerInvariant();
        // Azurite 3.35 reports port 0 literally instead of the port it bound, so pick one ourselves.
        int chosen = port == 0 ? FreePort() : port;

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { script, $"--{name}Host", "127.0.0.1", $"--{name}Port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disableTelemetry", "--skipApiVersionCheck", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }
        if (dataDirectory is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataDirectory);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NodeMissingException(NodeTools.MissingMessage);
        }
        catch (Win32Exception)
        {
            throw new NodeMissingException(NodeTools.MissingMessage);
        }
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, chosen, dataDirectory);
        try
        {
            await WaitUntilListeningAsync(process, chosen, cancellationToken);
        }
        catch
        {
            await azurite.DisposeAsync();
            lock (output)
            {
                throw new InvalidOperationException($"Azurite did not start on port {chosen}: {output.ToString().Trim()}");
            }
        }
        return azurite;
    }

    /// <summary>True when something accepts TCP connections at <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    private static async Task WaitUntilListeningAsync(Process process, int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await IsListeningAsync("127.0.0.1", port, cancellationToken))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("Azurite exited during start.");
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException("Azurite did not start in time.");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
