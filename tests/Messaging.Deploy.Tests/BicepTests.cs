using System.Text.Json;
using Messaging.Deploy.Tests.Infrastructure;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests;

/// <summary>
/// infra/main.bicep through the Bicep CLI: it compiles and lints without a single diagnostic (the CLI checks property
/// names and values against the Azure resource types of each API version), and the checks really catch problems.
/// </summary>
public sealed class BicepTests : IDisposable
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), $"messaging-bicep-{Guid.NewGuid():N}");

    public BicepTests() => Directory.CreateDirectory(_workDirectory);

    [Fact]
    public async Task Cli_Version_IsThePinnedOne()
    {
        ProcessResult run = await BicepCli.RunAsync(["--version"], TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"Bicep CLI version {BicepCli.Version} ", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_MainBicep_CompilesWithoutAnyDiagnostic()
    {
        ProcessResult build = await BicepCli.BuildMainAsync();

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Empty(BicepCli.Diagnostics(build));
        using JsonDocument template = JsonDocument.Parse(build.StandardOutput);
        Assert.Equal(JsonValueKind.Array, template.RootElement.GetProperty("resources").ValueKind);
    }

    [Fact]
    public async Task Lint_MainBicep_Clean()
    {
        ProcessResult lint = await BicepCli.LintAsync(RepositoryLayout.Template, TestContext.Current.CancellationToken);

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.Empty(BicepCli.Diagnostics(lint));
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardOutput), lint.Describe());
    }

    [Fact]
    public async Task Lint_ParametersExample_Clean()
    {
        ProcessResult lint = await BicepCli.LintAsync(RepositoryLayout.TemplateParametersExample, TestContext.Current.CancellationToken);

        Assert.True(lint.ExitCode == 0, lint.Describe());
        Assert.Empty(BicepCli.Diagnostics(lint));
    }

    [Fact]
    public void Config_EveryCoreLinterRule_IsAnError()
    {
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(RepositoryLayout.BicepConfig));
        JsonElement core = config.RootElement.GetProperty("analyzers").GetProperty("core");

        Assert.True(core.GetProperty("enabled").GetBoolean());
        var rules = core.GetProperty("rules").EnumerateObject().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.Equal("error", rule.Value.GetProperty("level").GetString()));
    }

    // The controls below run the same checks on broken copies of main.bicep (beside a copy of infra/bicepconfig.json,
    // which the CLI finds by looking upwards from the file), so the tests above cannot pass vacuously.

    [Fact]
    public async Task Build_MisspelledResourceProperty_Reported()
    {
        string broken = await CopyOfMainAsync(source => Replace(source, "requiresDuplicateDetection: true", "requiresDuplicateDetecton: true"));

        ProcessResult build = await BicepCli.BuildAsync(broken, TestContext.Current.CancellationToken);

        // BCP089 ("did you mean") for a near miss, BCP037 otherwise: a warning either way, which the checks above refuse.
        Assert.Contains(BicepCli.Diagnostics(build), d =>
            d.Contains(": Warning BCP089: The property \"requiresDuplicateDetecton\" is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_ServiceBusApiVersionWithoutMinimumTls_Reported()
    {
        // The finding the move to Bicep brought up: the ARM template set minimumTlsVersion on a 2021-11-01 namespace,
        // which that API version does not have, so Azure ignored it.
        string broken = await CopyOfMainAsync(source => Replace(source, "'Microsoft.ServiceBus/namespaces@2024-01-01'", "'Microsoft.ServiceBus/namespaces@2021-11-01'"));

        ProcessResult build = await BicepCli.BuildAsync(broken, TestContext.Current.CancellationToken);

        Assert.Contains(BicepCli.Diagnostics(build), d =>
            d.Contains(": Warning BCP037: The property \"minimumTlsVersion\" is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_UnusedVariable_FailsAsAnError()
    {
        string broken = await CopyOfMainAsync(source => source + "\nvar notUsed = 'x'\n");

        ProcessResult lint = await BicepCli.LintAsync(broken, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains(BicepCli.Diagnostics(lint), d => d.Contains(": Error no-unused-vars:", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private async Task<string> CopyOfMainAsync(Func<string, string> change)
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        string source = await File.ReadAllTextAsync(RepositoryLayout.Template, cancellationToken);
        string path = Path.Combine(_workDirectory, "main.bicep");
        await File.WriteAllTextAsync(path, change(source), cancellationToken);
        File.Copy(RepositoryLayout.BicepConfig, Path.Combine(_workDirectory, "bicepconfig.json"));
        return path;
    }

    private static string Replace(string source, string oldValue, string newValue)
    {
        Assert.Contains(oldValue, source, StringComparison.Ordinal);
        return source.Replace(oldValue, newValue, StringComparison.Ordinal);
    }
}
