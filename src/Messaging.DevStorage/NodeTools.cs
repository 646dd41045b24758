using System.ComponentModel;

namespace Messaging.DevStorage;

/// <summary>Node.js and npm, which run Azurite and the JavaScript test tools.</summary>
public static class NodeTools
{
    public const string MissingMessage =
        "Node.js 18 or newer (with npm) is required to run Azurite, the local storage emulator: install it (Debian: apt-get install nodejs npm), or set TableStorage__ConnectionString to a storage account.";

    /// <exception cref="NodeMissingException">node is not on the PATH.</exception>
    public static async Task RequireAsync(CancellationToken cancellationToken)
    {
        try
        {
            if ((await ChildProcess.RunAsync("node", ["--version"], TimeSpan.FromSeconds(30), cancellationToken)).ExitCode == 0)
            {
                return;
            }
        }
        catch (Win32Exception)
        {
            // not on PATH: reported below
        }
        throw new NodeMissingException(MissingMessage);
    }

    /// <summary>Runs a Node.js script.</summary>
    /// <exception cref="NodeMissingException">node is not on the PATH.</exception>
    public static Task<ProcessResult> RunScriptAsync(
        string script, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null) =>
        RunAsync("node", [script, .. arguments], timeout, workingDirectory, cancellationToken);

    /// <summary>Runs npm.</summary>
    /// <exception cref="NodeMissingException">npm is not on the PATH.</exception>
    public static Task<ProcessResult> RunNpmAsync(
        IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null) =>
        RunAsync("npm", arguments, timeout, workingDirectory, cancellationToken);

    private static async Task<ProcessResult> RunAsync(
        string tool, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory, CancellationToken cancellationToken)
    {
        try
        {
            return await ChildProcess.RunAsync(tool, arguments, timeout, cancellationToken, workingDirectory);
        }
        catch (Win32Exception)
        {
            throw new NodeMissingException(MissingMessage);
        }
    }
}
