using System.Security.Cryptography;
using System.Text;

namespace Messaging.DevStorage;

/// <summary>
/// Installs npm packages into a folder once. Safe when several processes ask at the same time (test projects run
/// in parallel): a lock file serializes installs, and a stamp written only after a successful install says what is
/// there, so an install killed half-way is simply done again.
/// </summary>
public static class NpmPackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <c>npm {arguments}</c> in <paramref name="directory"/> unless the folder already holds an install
    /// stamped <paramref name="stamp"/> (what is wanted: a version, or a hash of package-lock.json).
    /// </summary>
    /// <exception cref="NodeMissingException">Node.js or npm is not on the PATH.</exception>
    public static async Task EnsureAsync(string directory, string stamp, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        string stampPath = Path.Combine(directory, "node_modules", ".messaging-installed");
        if (IsStamped(stampPath, stamp))
        {
            return;
        }
        Directory.CreateDirectory(directory);
        await using FileStream gate = await AcquireLockAsync(directory, cancellationToken);
        if (IsStamped(stampPath, stamp)) // another process finished while we waited
        {
            return;
        }
        await NodeTools.RequireAsync(cancellationToken);
        ProcessResult result = await NodeTools.RunNpmAsync(arguments, InstallTimeout, cancellationToken, directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm {string.Join(' ', arguments)} in {directory} failed: {result.Describe()}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(stampPath)!);
        await File.WriteAllTextAsync(stampPath, stamp, cancellationToken);
    }

    /// <summary>A stamp for installs from a lock file: its hash, so a changed lock file installs again.</summary>
    public static string LockFileStamp(string directory) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, "package-lock.json"))));

    private static bool IsStamped(string stampPath, string stamp) =>
        File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp;

    /// <summary>
    /// An exclusive lock on a file in the temp folder named after <paramref name="directory"/>. The file is kept
    /// (not deleted on close), so two processes can never hold locks on two different files of the same name.
    /// </summary>
    private static async Task<FileStream> AcquireLockAsync(string directory, CancellationToken cancellationToken)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(directory))))[..16];
        string path = Path.Combine(Path.GetTempPath(), $"messaging-npm-{key}.lock");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
            }
        }
    }
}
