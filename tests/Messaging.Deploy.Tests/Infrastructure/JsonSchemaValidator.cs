using System.Text.Json;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests.Infrastructure;

internal sealed record SchemaValidationResult(string File, bool Valid, string Errors);

/// <summary>
/// Validates JSON files against the official schemas with ajv (eng/schema-validation): no JSON Schema package for
/// both draft-04 and draft-07 restores from our NuGet mirror. The first use installs the locked npm packages into
/// eng/schema-validation/node_modules (git-ignored).
/// </summary>
internal static class JsonSchemaValidator
{
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromMinutes(1);

    private static string ToolDirectory => RepositoryLayout.SchemaValidationDirectory;

    public static async Task<IReadOnlyList<SchemaValidationResult>> ValidateAsync(
        string schemaPath, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await NpmPackages.EnsureAsync(
            ToolDirectory, NpmPackages.LockFileStamp(ToolDirectory), ["ci", "--no-audit", "--no-fund", "--loglevel=error"], cancellationToken);
        ProcessResult run = await NodeTools.RunScriptAsync(
            Path.Combine(ToolDirectory, "validate.js"), [schemaPath, .. files], ValidateTimeout, cancellationToken, RepositoryLayout.Root);
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
}
