namespace Messaging.DevStorage;

/// <summary>
/// Installs the pinned Azurite npm package into a tool folder on first use, so a fresh machine
/// needs only Node.js.
/// </summary>
public static class AzuriteInstaller
{
    /// <summary>The Azurite version every local run and test uses.</summary>
    public const string Version = "3.35.0";

    /// <summary>Returns the path of Azurite's table-service entry script, installing Azurite if needed.</summary>
    /// <exception cref="NodeMissingException">Node.js or npm is not on the PATH.</exception>
    public static async Task<string> EnsureInstalledAsync(string toolDirectory, CancellationToken cancellationToken = default)
    {
        await NpmPackages.EnsureAsync(
            toolDirectory,
            $"azurite@{Version}",
            ["install", $"azurite@{Version}", "--prefix", toolDirectory, "--no-save", "--no-audit", "--no-fund", "--loglevel=error"],
            cancellationToken);
        return TableScriptPath(toolDirectory);
    }

    internal static string TableScriptPath(string toolDirectory) => ScriptPath(toolDirectory, AzuriteService.Table);

    internal static string ScriptPath(string toolDirectory, AzuriteService service) =>
        Path.Combine(toolDirectory, "node_modules", "azurite", "dist", "src", service.ToString().ToLowerInvariant(), "main.js");
}
