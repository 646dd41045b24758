using System.Diagnostics;
using System.Globalization;
using System.Text;
using Messaging.DevStorage;

namespace Messaging.Bench;

/// <summary>Builds src/Messaging.Functions in Release and starts its dll as a separate process, as a local run would.</summary>
internal static class AppBuild
{
    /// <summary>
    /// Builds into artifacts/bench (git-ignored) rather than the projects' bin/ and obj/, so a benchmark never races a
    /// test run or an IDE building the work tree; later runs build incrementally.
    /// </summary>
    public static async Task<string> BuildAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        string artifacts = Path.Combine(repositoryRoot, "artifacts", "bench");
        string project = Path.Combine(repositoryRoot, "src", "Messaging.Functions", "Messaging.Functions.csproj");
        ProcessResult build = await ChildProcess.RunAsync(
            "dotnet", ["build", project, "-c", "Release", "--artifacts-path", artifacts, "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(10), cancellationToken, repositoryRoot);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the app failed:\n{build.Describe()}");
        }
        string dll = Path.Combine(artifacts, "bin", "Messaging.Functions", "release", "Messaging.Functions.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The build did not produce the app.", dll);
    }
}

/// <summary>One running app process on a free loopback port, killed on dispose.</summary>
internal sealed class AppUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppUnderTest(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>CPU (user + system) the app has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>What the app printed (Warning and above), for error messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString().Trim();
            }
        }
    }

    /// <summary>
    /// Starts the app in Development (tokens off: body identities are taken as given; no rate limits) against the
    /// given storage. The connection string points at the benchmark's Azurite, and StartAzurite=false, so the app
    /// never starts an emulator of its own.
    /// </summary>
    public static AppUnderTest Start(string dll, string storageConnectionString, string? tableName = null)
    {
        int port = AzuriteProcess.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: appsettings*.json are read from beside the dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["TableStorage__ConnectionString"] = storageConnectionString;
        start.Environment["LocalStorage__StartAzurite"] = "false";
        if (tableName is not null)
        {
            start.Environment["TableStorage__TableName"] = tableName; // a scenario's own table (Azurite scans a whole table per query)
        }
        start.Environment["Auth__Mode"] = "None";
        start.Environment["RateLimiting__Enabled"] = "false";
        // In case a setup turns limits on anyway: far above anything a benchmark sends.
        start.Environment["RateLimiting__Burst"] = "1000000";
        start.Environment["RateLimiting__PermitsPerMinute"] = "60000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        // Telemetry exporters stay off: the benchmark reads the app's counters over EventPipe instead.
        start.Environment.Remove("APPLICATIONINSIGHTS_CONNECTION_STRING");
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        return new AppUnderTest(process, port);
    }

    /// <summary>Polls GET /api/health until it answers 200; returns the time from <paramref name="since"/>.</summary>
    public async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient http, Stopwatch since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var health = new Uri(BaseAddress, "/api/health");
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Output}");
            }
            if (since.Elapsed > timeout)
            {
                throw new TimeoutException($"The app was not healthy within {timeout.TotalSeconds} s:\n{Output}");
            }
            try
            {
                using HttpResponseMessage response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return since.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(5, cancellationToken);
        }
    }

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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
