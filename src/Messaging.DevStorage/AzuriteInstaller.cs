using System.Text.Json;

namespace Messaging.DevStorage;

/// <summary>
/// Installs the pinned Azurite npm package into a tool folder on first use, so a fresh machine
/// needs only Node.js. Safe to call from several processes at once (a lock file serializes installs).
/// </summary>
public static class AzuriteInstaller
{
    /// <summary>The Azurite version every local run and test uses.</summary>
    public const string Version = "3.35.0";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Returns the path of Azurite's table-service entry script, installing Azurite if needed.</summary>
    /// <exception cref="NodeMissingException">Node.js or npm is not on the PATH.</exception>
    public static async Task<string> EnsureInstalledAsync(string toolDirectory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(toolDirectory);
        string script = TableScriptPath(toolDirectory);
        if (IsInstalled(toolDirectory))
        {
            return script;
        }

        await using FileStream gate = await AcquireLockAsync(Path.Combine(toolDirectory, "install.lock"), cancellationToken);
        if (IsInstalled(toolDirectory)) // another process finished while we waited
        {
            return script;
        }

        await NodeTools.RequireAsync(cancellationToken);
        ProcessResult result = await NodeTools.RunNpmAsync(
            ["install", $"azurite@{Version}", "--prefix", toolDirectory, "--no-save", "--no-audit", "--no-fund", "--loglevel=error"],
            InstallTimeout,
            cancellationToken);
        if (result.ExitCode != 0 || !IsInstalled(toolDirectory))
        {
            throw new InvalidOperationException(
                $"Installing Azurite {Version} with npm failed (exit code {result.ExitCode}): {result.Output.Trim()}");
        }
        return script;
    }

    internal static string TableScriptPath(string toolDirectory) =>
        Path.Combine(toolDirectory, "node_modules", "azurite", "dist", "src", "table", "main.js");

    private static bool IsInstalled(string toolDirectory)
    {
        string manifest = Path.Combine(toolDirectory, "node_modules", "azurite", "package.json");
        if (!File.Exists(manifest) || !File.Exists(TableScriptPath(toolDirectory)))
        {
            return false;
        }
        using JsonDocument package = JsonDocument.Parse(File.ReadAllText(manifest));
        return package.RootElement.TryGetProperty("version", out JsonElement version) && version.GetString() == Version;
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
