namespace Messaging.DevStorage;

/// <summary>
/// Installs npm packages into a folder once, safely when several processes ask at the same time
/// (test projects run in parallel): a lock file serializes installs and each waiter re-checks.
/// </summary>
public static class NpmPackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>npm {arguments}</c> in <paramref name="directory"/> unless <paramref name="isInstalled"/> already holds.</summary>
    /// <exception cref="NodeMissingException">Node.js or npm is not on the PATH.</exception>
    public static async Task EnsureAsync(string directory, Func<bool> isInstalled, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (isInstalled())
        {
            return;
        }
        await using FileStream gate = await AcquireLockAsync(Path.Combine(directory, ".install.lock"), cancellationToken);
        if (isInstalled()) // another process finished while we waited
        {
            return;
        }
        await NodeTools.RequireAsync(cancellationToken);
        ProcessResult result = await NodeTools.RunNpmAsync(arguments, InstallTimeout, cancellationToken, directory);
        if (result.ExitCode != 0 || !isInstalled())
        {
            throw new InvalidOperationException($"npm {string.Join(' ', arguments)} failed (exit code {result.ExitCode}): {result.Output.Trim()}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
            }
        }
    }
}
