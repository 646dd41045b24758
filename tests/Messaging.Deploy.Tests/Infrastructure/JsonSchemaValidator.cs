using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Messaging.Deploy.Tests.Infrastructure;

internal sealed record SchemaValidationResult(string File, bool Valid, string Errors);

/// <summary>
/// Validates JSON files against the official schemas with ajv (eng/schema-validation): no JSON Schema package for
/// both draft-04 and draft-07 restores from our NuGet mirror. The first use installs the locked npm packages into
/// eng/schema-validation/node_modules (git-ignored); a lock file serializes that across parallel test processes.
/// </summary>
internal static class JsonSchemaValidator
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromMinutes(1);
    private static readonly SemaphoreSlim InProcessGate = new(1, 1);

    private static string ToolDirectory => RepositoryLayout.SchemaValidationDirectory;

    private static string StampPath => Path.Combine(ToolDirectory, "node_modules", ".messaging-installed");

    public static async Task<IReadOnlyList<SchemaValidationResult>> ValidateAsync(
        string schemaPath, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        ProcessResult run = await ProcessRunner.RunAsync(
            "node", [Path.Combine(ToolDirectory, "validate.js"), schemaPath, .. files], ValidateTimeout, cancellationToken);
        if (run.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"The schema validator failed: {run.Describe()}");
        }

        using JsonDocument results = JsonDocument.Parse(run.StandardOutput);
        return [.. results.RootElement.EnumerateArray().Select(r => new SchemaValidationResult(
            r.GetProperty("file").GetString()!,
            r.GetProperty("valid").GetBoolean(),
            r.GetProperty("errors").GetRawText()))];
    }

    public static async Task<SchemaValidationResult> ValidateAsync(string schemaPath, string file, CancellationToken cancellationToken) =>
        (await ValidateAsync(schemaPath, [file], cancellationToken)).Single();

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        string expected = LockHash();
        if (IsInstalled(expected))
        {
            return;
        }

        await InProcessGate.WaitAsync(cancellationToken);
        try
        {
            await using FileStream gate = await AcquireLockAsync(cancellationToken);
            if (IsInstalled(expected)) // another process finished while we waited
            {
                return;
            }
            ProcessResult install = await ProcessRunner.RunAsync(
                "npm",
                ["ci", "--prefix", ToolDirectory, "--no-audit", "--no-fund", "--loglevel=error"],
                InstallTimeout,
                cancellationToken);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {ToolDirectory} failed: {install.Describe()}");
            }
            await File.WriteAllTextAsync(StampPath, expected, cancellationToken);
        }
        finally
        {
            InProcessGate.Release();
        }
    }

    /// <summary>Installed means: npm ci finished for exactly this package-lock.json (a killed install leaves no stamp).</summary>
    private static bool IsInstalled(string expectedHash) =>
        File.Exists(StampPath) && File.ReadAllText(StampPath) == expectedHash;

    private static string LockHash() =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(ToolDirectory, "package-lock.json"))));

    /// <summary>
    /// An exclusive lock on a file in the temp folder, named after the tool folder so work trees do not block each
    /// other. The file is kept (not deleted on close) so two processes can never lock two different files.
    /// </summary>
    private static async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ToolDirectory)))[..16];
        string path = Path.Combine(Path.GetTempPath(), $"messaging-schema-validation-{key}.lock");
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
