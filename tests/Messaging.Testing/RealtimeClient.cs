using Messaging.DevStorage;

namespace Messaging.Testing;

/// <summary>
/// The real <c>@microsoft/signalr</c> client scripts in <c>tests/realtime</c>, run with Node.js. Their npm
/// packages are installed from the committed lock file on first use.
/// </summary>
public static class RealtimeClient
{
    /// <summary>Runs <c>node {script} {arguments}</c> in tests/realtime and returns how it ended.</summary>
    public static async Task<ProcessResult> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Messaging.sln not found above the test folder.");
        string directory = Path.Combine(root, "tests", "realtime");
        await NpmPackages.EnsureAsync(directory, NpmPackages.LockFileStamp(directory), ["ci", "--loglevel=error"], cancellationToken);
        return await NodeTools.RunScriptAsync(script, arguments, timeout, cancellationToken, directory);
    }
}
