using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Messaging.Deploy.Tests.Infrastructure;

namespace Messaging.Deploy.Tests;

/// <summary>
/// <c>local.settings.sample.json</c> says it lists every setting the app reads: every property of every options
/// class bound from a section, and every setting the code reads by name. A new setting fails this test until the
/// sample has it.
/// </summary>
public partial class LocalSettingsSampleTests
{
    /// <summary>Read by the app but not for a user to set here, each for its reason.</summary>
    private static readonly HashSet<string> NotUserSettings = new(StringComparer.Ordinal)
    {
        "FUNCTIONS_CUSTOMHANDLER_PORT", // set by the Functions host for the custom handler
        "FUNCTIONS_HTTPWORKER_PORT", // its older name, set by older hosts
        "urls", "http_ports", "https_ports", // ASP.NET Core's own; the host's port decides under func start
        "AzureWebJobsStorage__accountName", // the managed-identity form of AzureWebJobsStorage, which the sample sets
        "ServiceBus__QueueName", // retired (events go to a topic): read only to refuse a stale setting at start
    };

    [Fact]
    public void Sample_HoldsEverySettingTheAppReads()
    {
        HashSet<string> sample = SampleKeys();
        List<string> read = [.. OptionSettings().Concat(NamedSettings()).Distinct().Where(k => !NotUserSettings.Contains(k))];

        Assert.True(read.Count >= 30, $"only {read.Count} settings found: the discovery is broken");
        Assert.Contains("TableStorage__ConnectionString", read);
        Assert.Contains("Invocations__Enabled", read);
        Assert.All(read, key => Assert.True(sample.Contains(key), $"local.settings.sample.json lacks {key}"));
    }

    [Fact]
    public void Sample_HoldsNothingTheAppDoesNotRead()
    {
        // Beside the app's own: the host's worker runtime, the trigger's connection, the switches that keep the
        // fanout function off until a Service Bus is configured and the presence triggers off until a SignalR Service
        // is, and ASP.NET Core's environment.
        HashSet<string> read =
        [
            .. OptionSettings().Concat(NamedSettings()),
            "FUNCTIONS_WORKER_RUNTIME", "ServiceBusConnection__fullyQualifiedNamespace", "AzureWebJobs.fanout.Disabled",
            "AzureWebJobs.presenceConnected.Disabled", "AzureWebJobs.presenceDisconnected.Disabled", "ASPNETCORE_ENVIRONMENT",
        ];

        Assert.All(SampleKeys(), key => Assert.True(read.Contains(key), $"local.settings.sample.json has {key}, which nothing reads"));
    }

    private static HashSet<string> SampleKeys()
    {
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    /// <summary><c>Section__Property</c> for every options class with a <c>SectionName</c> (arrays as their first element).</summary>
    private static IEnumerable<string> OptionSettings() =>
        from assembly in new[] { typeof(Program).Assembly, typeof(Messaging.Storage.TableStorageOptions).Assembly }
        from type in assembly.GetTypes()
        let section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
        where section is { IsLiteral: true } && type.Name.EndsWith("Options", StringComparison.Ordinal)
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod is { IsPublic: true }
        select $"{section.GetRawConstantValue()}__{property.Name}" + (property.PropertyType.IsArray ? "__0" : "");

    /// <summary>Settings read by name in the source: <c>configuration["X"]</c>, <c>GetValue&lt;T&gt;("X")</c>, <c>const string …Setting = "X"</c>.</summary>
    private static IEnumerable<string> NamedSettings() =>
        from file in Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "src"), "*.cs", SearchOption.AllDirectories)
        where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        from Match match in NamedSetting().Matches(File.ReadAllText(file))
        select match.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal);

    [GeneratedRegex(@"(?:onfiguration\[|GetValue<[^>]+>\(|const string \w*Setting = )""(?<key>[A-Za-z_][\w:]*)""")]
    private static partial Regex NamedSetting();
}
