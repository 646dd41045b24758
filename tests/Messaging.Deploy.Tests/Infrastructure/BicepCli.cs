using System.Reflection;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests.Infrastructure;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package (a PackageDownload of this project; its
/// path is stamped into the assembly at build time). It runs offline and checks resource properties against the
/// Azure resource types it ships with.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<Task<ProcessResult>> MainBuild = new(() => BuildAsync(RepositoryLayout.Template, CancellationToken.None));

    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string Path => LazyPath.Value;

    public static string Version => Metadata("BicepCliVersion");

    /// <summary><c>bicep build --stdout</c> of infra/main.bicep, run once per test run.</summary>
    public static Task<ProcessResult> BuildMainAsync() => MainBuild.Value;

    public static Task<ProcessResult> BuildAsync(string bicepFile, CancellationToken cancellationToken) =>
        RunAsync(["build", bicepFile, "--stdout"], cancellationToken);

    public static Task<ProcessResult> LintAsync(string bicepFile, CancellationToken cancellationToken) =>
        RunAsync(["lint", bicepFile], cancellationToken);

    public static Task<ProcessResult> BuildParamsAsync(string bicepParamFile, CancellationToken cancellationToken) =>
        RunAsync(["build-params", bicepParamFile, "--stdout"], cancellationToken);

    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(Path, arguments, RunTimeout, cancellationToken, RepositoryLayout.Root);

    /// <summary>
    /// Every diagnostic the CLI printed, warnings and informational ones included ("file(line,col) : Level CODE: ...").
    /// Diagnostics go to stderr; with --stdout the compiled JSON alone is on stdout.
    /// </summary>
    public static IReadOnlyList<string> Diagnostics(ProcessResult result) =>
        [.. result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Locate()
    {
        string path = Metadata("BicepCliPath");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI is not at {path}: restore tests/Messaging.Deploy.Tests (dotnet restore) to download Azure.Bicep.CommandLine.linux-x64 {Version}.",
                path);
        }
        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts package files without guaranteeing the execute bit.
            UnixFileMode mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }
        return path;
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} metadata (see Messaging.Deploy.Tests.csproj).");
}
