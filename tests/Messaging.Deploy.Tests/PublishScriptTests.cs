using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using Messaging.Deploy.Tests.Infrastructure;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests;

/// <summary>
/// Runs eng/publish.sh once per test run (an assembly fixture, shared by the publish-script and published-app tests)
/// into a temporary folder (about half a minute on an idle machine: it builds into its own artifacts folder, so it
/// never touches the work tree's bin/ and obj/ while other test projects run).
/// </summary>
public sealed class PublishedFolder : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10); // generous: CI shares two cores

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), $"messaging-publish-{Guid.NewGuid():N}");

    public string Output => Path.Combine(WorkDirectory, "out");

    public bool Zipped { get; } = IsOnPath("zip"); // Debian's zip package; without it the folder is still checked

    internal ProcessResult Run { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        string[] options = Zipped ? ["--zip"] : [];
        Run = await ChildProcess.RunAsync(
            "bash",
            [RepositoryLayout.PublishScript, .. options, "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"), Output],
            PublishTimeout,
            TestContext.Current.CancellationToken,
            RepositoryLayout.Root);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(WorkDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));
}

/// <summary>eng/publish.sh produces the folder (and zip) the Functions host expects.</summary>
public sealed class PublishScriptTests(PublishedFolder published) : IDisposable
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), $"messaging-publish-{Guid.NewGuid():N}");

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Run_TempFolder_ProducesTheFunctionsAppLayout()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The publish script is bash and builds for Linux.");
        string output = published.Output;
        bool zip = published.Zipped;
        ProcessResult run = published.Run;

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(File.ReadAllText(RepositoryLayout.HostJson), File.ReadAllText(Path.Combine(output, "host.json")));
        foreach (string name in FunctionContract.AllNames)
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(RepositoryLayout.FunctionsDirectory, name, "function.json")),
                File.ReadAllText(Path.Combine(output, name, "function.json")));
        }
        string executable = Path.Combine(output, ExecutablePathFromHostJson(output));
        Assert.True(File.Exists(executable), $"host.json launches {executable}, which publish did not produce.");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable.");
        if (zip)
        {
            AssertZipMatches(output + ".zip");
        }
    }

    [Fact]
    public async Task Run_ForeignNonEmptyFolder_RefusesAndKeepsItsFiles()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The publish script is bash.");
        Directory.CreateDirectory(_workDirectory);
        string output = Path.Combine(_workDirectory, "precious");
        Directory.CreateDirectory(output);
        string keep = Path.Combine(output, "keep.txt");
        File.WriteAllText(keep, "not ours");

        ProcessResult run = await ChildProcess.RunAsync(
            "bash", [RepositoryLayout.PublishScript, output], TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken, RepositoryLayout.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.True(File.Exists(keep));
    }

    public void Dispose()
    {
        if (Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    private static string ExecutablePathFromHostJson(string output)
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));
        return host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
    }

    private static void AssertZipMatches(string zipPath)
    {
        using ZipArchive zip = ZipFile.OpenRead(zipPath);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("host.json", names);
        Assert.All(FunctionContract.AllNames, name => Assert.Contains($"{name}/function.json", names));
        Assert.DoesNotContain(names, n => n.Contains(".messaging-publish", StringComparison.Ordinal));
        // Unix permissions live in the high 16 bits of the external attributes; the handler must stay executable.
        ZipArchiveEntry handler = zip.GetEntry("app/Messaging.Functions") ?? throw new InvalidOperationException("The zip has no app/Messaging.Functions.");
        Assert.NotEqual(0, (handler.ExternalAttributes >> 16) & 0b001_000_000);
    }
}
