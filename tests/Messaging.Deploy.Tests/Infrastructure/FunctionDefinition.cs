using System.Text.Json;

namespace Messaging.Deploy.Tests.Infrastructure;

/// <summary>One binding of a function.json.</summary>
internal sealed record Binding(string Type, string Direction, string Name, JsonElement Json)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsInput => Direction == "in";

    public bool IsOutput => Direction == "out";

    /// <summary>A string property, or null when it is missing or not a string.</summary>
    public string? Text(string property) =>
        Json.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string> Strings(string property) =>
        Json.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.GetString() ?? "")]
            : [];

    public bool? Flag(string property) =>
        Json.TryGetProperty(property, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}

/// <summary>A function as the host sees it: the folder name is the function name, its function.json the bindings.</summary>
internal sealed record FunctionDefinition(string Name, string FilePath, IReadOnlyList<Binding> Bindings)
{
    public IEnumerable<Binding> Inputs => Bindings.Where(b => b.IsInput);

    public IEnumerable<Binding> Outputs => Bindings.Where(b => b.IsOutput);

    public Binding Trigger => Bindings.Single(b => b.IsInput && b.IsTrigger);

    /// <summary>
    /// The host's rule for forwarding (FunctionMetadataExtensions.IsHttpInAndOutFunction): exactly one input binding,
    /// an httpTrigger, and exactly one output binding, of type http. Anything else is invoked with a payload.
    /// </summary>
    public bool IsHttpInAndOut =>
        Inputs.Count() == 1 && string.Equals(Inputs.Single().Type, "httpTrigger", StringComparison.OrdinalIgnoreCase)
        && Outputs.Count() == 1 && string.Equals(Outputs.Single().Type, "http", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every folder under functions/ that holds a function.json.</summary>
    public static IReadOnlyList<FunctionDefinition> LoadAll() =>
        [.. Directory.GetDirectories(RepositoryLayout.FunctionsDirectory)
            .Select(directory => Path.Combine(directory, "function.json"))
            .Where(File.Exists)
            .Select(LoadFile)
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    public static FunctionDefinition Load(string name) => LoadFile(Path.Combine(RepositoryLayout.FunctionsDirectory, name, "function.json"));

    private static FunctionDefinition LoadFile(string filePath)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(filePath));
        var bindings = document.RootElement.GetProperty("bindings").EnumerateArray()
            .Select(b => new Binding(
                b.GetProperty("type").GetString()!,
                b.GetProperty("direction").GetString()!,
                b.GetProperty("name").GetString()!,
                b.Clone()))
            .ToList();
        return new FunctionDefinition(Path.GetFileName(Path.GetDirectoryName(filePath))!, filePath, bindings);
    }
}
