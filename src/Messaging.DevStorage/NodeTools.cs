using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Messaging.DevStorage;

/// <summary>How a child process ended, with its stdout and stderr interleaved.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs node and npm as child processes.</summary>
public static class NodeTools
{
    public const string MissingMessage =
        "Node.js 18 or newer (with npm) is required to run Azurite, the local storage emulator: install it (Debian: apt-get install nodejs npm), or set TableStorage__ConnectionString to a storage account.";

    public static async Task RequireAsync(CancellationToken cancellationToken)
    {
        try
        {
            ProcessResult node = await RunAsync("node", ["--version"], TimeSpan.FromSeconds(30), cancellationToken);
            if (node.ExitCode == 0)
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

    public static async Task<ProcessResult> RunNpmAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        try
        {
            return await RunAsync("npm", arguments, timeout, cancellationToken, workingDirectory);
        }
        catch (Win32Exception)
        {
            throw new NodeMissingException(MissingMessage);
        }
    }

    /// <summary>Runs <paramref name="fileName"/> to completion, killing it (and its children) after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["npm_config_update_notifier"] = "false";

        using Process process = Process.Start(start) ?? throw new Win32Exception($"could not start {fileName}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }
}
