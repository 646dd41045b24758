using System.Text.Json;
using System.Text.RegularExpressions;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests.Infrastructure;

/// <summary>
/// The ARM template that <c>bicep build</c> makes of infra/main.bicep, read as data, with just enough of ARM's
/// expression language to check it offline: the literal values behind <c>[variables('x')]</c> and
/// <c>[parameters('x')]</c>, and which names an expression refers to.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public JsonElement Parameters => Root.GetProperty("parameters");

    public JsonElement Variables => Root.GetProperty("variables");

    public JsonElement Outputs => Root.GetProperty("outputs");

    public IReadOnlyList<JsonElement> Resources => [.. Root.GetProperty("resources").EnumerateArray()];

    /// <summary>infra/main.bicep compiled (once per test run); fails with the CLI's output when it does not compile cleanly.</summary>
    public static async Task<ArmTemplate> CompileAsync()
    {
        ProcessResult build = await BicepCli.BuildMainAsync();
        if (build.ExitCode != 0 || BicepCli.Diagnostics(build).Count > 0)
        {
            throw new InvalidOperationException($"bicep build {RepositoryLayout.Template} did not compile cleanly: {build.Describe()}");
        }
        return Parse(build.StandardOutput);
    }

    public static ArmTemplate Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return new ArmTemplate(document.RootElement.Clone());
    }

    public IReadOnlyList<JsonElement> ResourcesOfType(string type) =>
        [.. Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))];

    public JsonElement SingleResource(string type) => Assert.Single(ResourcesOfType(type));

    public JsonElement FunctionApp => SingleResource("Microsoft.Web/sites");

    /// <summary>The Function App's app settings, name to (unevaluated) value.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        FunctionApp.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString() ?? "", StringComparer.Ordinal);

    /// <summary>
    /// The literal a value stands for: itself when it is no expression, the variable's value or the parameter's
    /// default when it is exactly <c>[variables('x')]</c> or <c>[parameters('x')]</c>; otherwise null.
    /// </summary>
    public string? Resolve(string value)
    {
        if (!IsExpression(value))
        {
            return value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value;
        }
        Match variable = WholeVariable().Match(value);
        if (variable.Success && Variables.TryGetProperty(variable.Groups[1].Value, out JsonElement v) && v.ValueKind == JsonValueKind.String)
        {
            return Resolve(v.GetString()!);
        }
        Match parameter = WholeParameter().Match(value);
        if (parameter.Success
            && Parameters.TryGetProperty(parameter.Groups[1].Value, out JsonElement p)
            && p.TryGetProperty("defaultValue", out JsonElement d)
            && d.ValueKind == JsonValueKind.String)
        {
            return Resolve(d.GetString()!);
        }
        return null;
    }

    public static bool IsExpression(string value) =>
        value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && value.EndsWith(']');

    /// <summary>Every string in the template with its JSON path.</summary>
    public IEnumerable<(string Path, string Value)> Strings() => Strings(Root, "$");

    /// <summary>
    /// The templates of the modules (nested deployments, evaluated in their own scope): their expressions refer to their
    /// own parameters and variables, so <see cref="Strings()"/> leaves them out and they are checked on their own.
    /// </summary>
    public IReadOnlyList<ArmTemplate> NestedTemplates =>
        [.. ResourcesOfType("Microsoft.Resources/deployments").Select(d => new ArmTemplate(d.GetProperty("properties").GetProperty("template")))];

    /// <summary>What is wrong with an expression: unbalanced parentheses or quotes, or names the template does not declare.</summary>
    public IEnumerable<string> ProblemsOf(string expression)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = 1; i < expression.Length - 1; i++)
        {
            char c = expression[i];
            if (c == '\'')
            {
                quoted = !quoted; // '' inside a string closes and reopens it, which nets out
            }
            else if (!quoted && c is '(' or '[')
            {
                depth++;
            }
            else if (!quoted && c is ')' or ']')
            {
                depth--;
                if (depth < 0)
                {
                    yield return "closes more parentheses than it opens";
                    yield break;
                }
            }
        }
        if (quoted)
        {
            yield return "has an unterminated string";
        }
        if (depth != 0)
        {
            yield return "has unbalanced parentheses";
        }
        foreach (Match match in VariableReference().Matches(expression))
        {
            string name = match.Groups[1].Value;
            if (!Variables.TryGetProperty(name, out JsonElement variable))
            {
                yield return $"uses undeclared variable '{name}'";
            }
            else if (match.Groups[2].Success
                && (variable.ValueKind != JsonValueKind.Object || !variable.TryGetProperty(match.Groups[2].Value, out _)))
            {
                yield return $"uses variables('{name}').{match.Groups[2].Value}, which does not exist";
            }
        }
        foreach (Match match in ParameterReference().Matches(expression))
        {
            if (!Parameters.TryGetProperty(match.Groups[1].Value, out _))
            {
                yield return $"uses undeclared parameter '{match.Groups[1].Value}'";
            }
        }
    }

    private static bool IsNestedTemplate(JsonProperty property) =>
        property.Name == "template" && property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("$schema", out _);

    /// <summary>The resource type a <c>[resourceId('Type', ...)]</c> expression names, or null.</summary>
    public static string? ResourceIdType(string expression)
    {
        Match match = ResourceIdCall().Match(expression);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static IEnumerable<(string Path, string Value)> Strings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return (path, element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (IsNestedTemplate(property))
                    {
                        continue;
                    }
                    foreach ((string Path, string Value) item in Strings(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return item;
                    }
                }
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    foreach ((string Path, string Value) inner in Strings(item, $"{path}[{index++}]"))
                    {
                        yield return inner;
                    }
                }
                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex WholeParameter();

    [GeneratedRegex(@"variables\('([^']+)'\)(?:\.(\w+))?")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('([^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"resourceId\(\s*'([^']+)'")]
    private static partial Regex ResourceIdCall();
}
