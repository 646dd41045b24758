namespace Messaging.Deploy.Tests.Infrastructure;

/// <summary>
/// Where the deployment artifacts are: everything is inside the repository, whose root is the nearest folder above
/// the test binaries that holds Messaging.sln.
/// </summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string HostJson => Path.Combine(Root, "host.json");

    public static string FunctionsDirectory => Path.Combine(Root, "functions");

    public static string InfraDirectory => Path.Combine(Root, "infra");

    /// <summary>The infrastructure's source; the ARM template is what <c>bicep build</c> makes of it.</summary>
    public static string Template => Path.Combine(InfraDirectory, "main.bicep");

    public static string TemplateParametersExample => Path.Combine(InfraDirectory, "main.example.bicepparam");

    /// <summary>The linter settings the Bicep CLI picks up for every file under infra/.</summary>
    public static string BicepConfig => Path.Combine(InfraDirectory, "bicepconfig.json");

    public static string PublishScript => Path.Combine(Root, "eng", "publish.sh");

    public static string SchemaValidationDirectory => Path.Combine(Root, "eng", "schema-validation");

    public static string SourceDirectory => Path.Combine(Root, "src");

    /// <summary>Copies of SchemaStore's official schemas (see the README there for source and licence).</summary>
    public static string SchemasDirectory => Path.Combine(SchemaValidationDirectory, "schemas");

    /// <summary>The official host.json schema (draft-07), a copy of SchemaStore's.</summary>
    public static string HostSchema => Path.Combine(SchemasDirectory, "host.json.schema.json");

    /// <summary>The official function.json schema (draft-04), a copy of SchemaStore's.</summary>
    public static string FunctionSchema => Path.Combine(SchemasDirectory, "function.json.schema.json");

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Messaging.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Messaging.sln.");
    }
}
