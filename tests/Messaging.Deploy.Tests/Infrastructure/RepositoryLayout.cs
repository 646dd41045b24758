namespace Messaging.Deploy.Tests.Infrastructure;

/// <summary>
/// Where the deployment artifacts are. The repository root is the nearest folder above the test binaries that holds
/// Messaging.sln; the team's shared folder (schemas) sits beside the repository, as CI clones it.
/// </summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string HostJson => Path.Combine(Root, "host.json");

    public static string FunctionsDirectory => Path.Combine(Root, "functions");

    public static string Template => Path.Combine(Root, "infra", "main.json");

    public static string TemplateParametersExample => Path.Combine(Root, "infra", "main.parameters.example.json");

    public static string PublishScript => Path.Combine(Root, "eng", "publish.sh");

    public static string SchemaValidationDirectory => Path.Combine(Root, "eng", "schema-validation");

    public static string SourceDirectory => Path.Combine(Root, "src");

    public static string SchemasDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas"));

    /// <summary>The official host.json schema (draft-07), a copy of SchemaStore's.</summary>
    public static string HostSchema => RequireSchema("host.json.schema.json");

    /// <summary>The official function.json schema (draft-04), a copy of SchemaStore's.</summary>
    public static string FunctionSchema => RequireSchema("function.json.schema.json");

    private static string RequireSchema(string fileName)
    {
        string path = Path.Combine(SchemasDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The official schema {fileName} was not found at {path}: the team's shared/ folder must sit beside the repository (../shared/schemas from the folder holding Messaging.sln).",
                path);
        }
        return path;
    }

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
