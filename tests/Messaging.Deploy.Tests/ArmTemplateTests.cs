using System.Text.Json;
using System.Text.RegularExpressions;
using Messaging.Deploy.Tests.Infrastructure;
using Messaging.DevStorage;

namespace Messaging.Deploy.Tests;

/// <summary>
/// infra/main.bicep: what it deploys and how the app is wired to it, checked in the ARM template <c>bicep build</c>
/// makes of it (what Azure Resource Manager receives from <c>az deployment group create --template-file</c>).
/// </summary>
public sealed partial class ArmTemplateTests : IAsyncLifetime
{
    /// <summary>Every setting the app and the host read (README "Deploying to Azure"), except the worker runtime.</summary>
    public static TheoryData<string> RequiredAppSettings =>
    [
        "AzureWebJobsStorage__accountName",
        "TableStorage__Endpoint",
        "TableStorage__TableName",
        "ServiceBus__FullyQualifiedNamespace",
        "ServiceBus__TopicName",
        "ServiceBusConnection__fullyQualifiedNamespace",
        "AzureSignalRConnectionString",
        "Auth__Mode",
        "Auth__Authority",
        "Auth__Audience",
        "Auth__UserIdClaim",
        "ASPNETCORE_ENVIRONMENT",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    private static readonly Dictionary<string, string> RoleIds = new(StringComparer.Ordinal)
    {
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Azure Service Bus Data Sender"] = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        ["Azure Service Bus Data Receiver"] = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
    };

    private ArmTemplate _template = null!;

    public async ValueTask InitializeAsync() => _template = await ArmTemplate.CompileAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void Load_Template_IsAnArmDeploymentTemplate()
    {
        Assert.Equal(
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            _template.Root.GetProperty("$schema").GetString());
        Assert.Equal("1.0.0.0", _template.Root.GetProperty("contentVersion").GetString());
        Assert.Equal("bicep", _template.Root.GetProperty("metadata").GetProperty("_generator").GetProperty("name").GetString());
        // Bicep switches to symbolic names (languageVersion 2.0, resources as an object) for some features, e.g. typed
        // parameters; the plain form keeps the compiled template what the checks here read.
        Assert.False(_template.Root.TryGetProperty("languageVersion", out _), "main.bicep compiles to a symbolic-name template.");
        Assert.All(_template.Resources, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("type").GetString()));
            // ARM refuses expressions here.
            Assert.Matches(ApiVersion(), r.GetProperty("apiVersion").GetString()!);
            Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString()));
        });
    }

    [Fact]
    public void Strings_Expressions_BalancedAndReferToDeclaredNames()
    {
        var problems = new[] { _template }.Concat(_template.NestedTemplates)
            .SelectMany(template => template.Strings()
                .Where(s => ArmTemplate.IsExpression(s.Value))
                .SelectMany(s => template.ProblemsOf(s.Value).Select(p => $"{s.Path}: {p}")))
            .ToList();

        Assert.NotEmpty(_template.NestedTemplates);
        Assert.Empty(problems);
    }

    [Fact]
    public void DependsOn_EveryEntry_NamesADeclaredResourceType()
    {
        var declared = _template.Resources.Select(r => r.GetProperty("type").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var dangling = _template.Resources
            .Where(r => r.TryGetProperty("dependsOn", out _))
            .SelectMany(r => r.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()!))
            .Where(d => ArmTemplate.ResourceIdType(d) is not { } type || !declared.Contains(type))
            .ToList();

        Assert.Empty(dangling);
    }

    [Fact]
    public async Task ParametersExample_Values_DeclaredAndCoverEveryRequiredParameter()
    {
        // bicep build-params itself refuses undeclared or missing parameters and ill-typed values; this states it.
        ProcessResult build = await BicepCli.BuildParamsAsync(RepositoryLayout.TemplateParametersExample, TestContext.Current.CancellationToken);
        Assert.True(build.ExitCode == 0 && BicepCli.Diagnostics(build).Count == 0, build.Describe());
        using JsonDocument output = JsonDocument.Parse(build.StandardOutput);
        using JsonDocument example = JsonDocument.Parse(output.RootElement.GetProperty("parametersJson").GetString()!);
        var given = example.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        var required = _template.Parameters.EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name);

        Assert.All(given, name => Assert.True(_template.Parameters.TryGetProperty(name, out _), $"The example sets undeclared parameter {name}."));
        Assert.All(required, name => Assert.Contains(name, given));
    }

    [Theory]
    [MemberData(nameof(RequiredAppSettings))]
    public void AppSettings_RequiredSetting_IsSet(string name)
    {
        Assert.True(_template.AppSettings.TryGetValue(name, out string? value), $"The Function App does not set {name}.");
        Assert.False(string.IsNullOrWhiteSpace(value));
    }

    [Fact]
    public void FunctionApp_WorkerRuntime_IsCustomThroughFunctionAppConfig()
    {
        JsonElement runtime = _template.FunctionApp.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");

        // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME as an app setting; functionAppConfig.runtime replaces it.
        Assert.Equal("custom", runtime.GetProperty("name").GetString());
        Assert.Equal("1.0", runtime.GetProperty("version").GetString());
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", _template.AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", _template.AppSettings.Keys);
    }

    [Fact]
    public void FunctionApp_Plan_IsFlexConsumptionOnLinuxWithSystemIdentity()
    {
        JsonElement plan = _template.SingleResource("Microsoft.Web/serverfarms");
        JsonElement app = _template.FunctionApp;

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean(), "reserved: true makes the plan Linux.");
        Assert.Equal("functionapp,linux", app.GetProperty("kind").GetString());
        Assert.Equal("SystemAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal(
            "SystemAssignedIdentity",
            app.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage")
                .GetProperty("authentication").GetProperty("type").GetString());
    }

    [Fact]
    public void AppSettings_FixedValues_MatchWhatTheAppExpects()
    {
        IReadOnlyDictionary<string, string> settings = _template.AppSettings;

        Assert.Equal("Production", _template.Resolve(settings["ASPNETCORE_ENVIRONMENT"]));
        Assert.Equal("Jwt", _template.Resolve(settings["Auth__Mode"]));
        Assert.Equal("[parameters('authAuthority')]", settings["Auth__Authority"]);
        Assert.Equal("[parameters('authAudience')]", settings["Auth__Audience"]);
        Assert.Equal("[parameters('authUserIdClaim')]", settings["Auth__UserIdClaim"]);
        Assert.Equal("sub", _template.Parameters.GetProperty("authUserIdClaim").GetProperty("defaultValue").GetString()); // the app's own default
        Assert.Equal("Messaging", _template.Resolve(settings["TableStorage__TableName"]));
        Assert.Equal(FunctionContract.TopicName, _template.Resolve(settings["ServiceBus__TopicName"]));
        Assert.DoesNotContain("ServiceBus__QueueName", settings.Keys); // the app refuses to start with it
        Assert.Equal("[variables('storageAccountName')]", settings["AzureWebJobsStorage__accountName"]);
        // https://{account}.table.core.windows.net, no trailing slash: the app appends the table name.
        Assert.Equal("[format('https://{0}.table.{1}', variables('storageAccountName'), environment().suffixes.storage)]", settings["TableStorage__Endpoint"]);
        // The app's sender and the trigger must talk to the same namespace.
        Assert.Equal(settings["ServiceBus__FullyQualifiedNamespace"], settings["ServiceBusConnection__fullyQualifiedNamespace"]);
        Assert.Contains("Microsoft.ServiceBus/namespaces", settings["ServiceBus__FullyQualifiedNamespace"], StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_Table_IsTheOneTheAppUses()
    {
        JsonElement table = _template.SingleResource("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.EndsWith("variables('tableName'))]", table.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(_template.Resolve(_template.AppSettings["TableStorage__TableName"]), _template.Resolve("[variables('tableName')]"));
        Assert.False(
            _template.SingleResource("Microsoft.Storage/storageAccounts").GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean(),
            "Everything reaches storage with the managed identity; account keys stay off.");
    }

    [Fact]
    public void ServiceBus_TopicAndSubscription_NamedAsTheTriggerWithDuplicateDetectionAndSessions()
    {
        JsonElement serviceBus = _template.SingleResource("Microsoft.ServiceBus/namespaces");
        JsonElement topic = _template.SingleResource("Microsoft.ServiceBus/namespaces/topics");
        JsonElement subscription = _template.SingleResource("Microsoft.ServiceBus/namespaces/topics/subscriptions");
        Binding trigger = FunctionDefinition.Load("fanout").Trigger;

        // Duplicate detection, keyed on MessageId = event id, is not available on Basic (nor are topics).
        Assert.Equal("Standard", serviceBus.GetProperty("sku").GetProperty("name").GetString());
        Assert.Empty(_template.ResourcesOfType("Microsoft.ServiceBus/namespaces/queues"));
        Assert.Equal("[format('{0}/{1}', variables('serviceBusNamespaceName'), variables('topicName'))]", topic.GetProperty("name").GetString());
        Assert.Equal(
            "[format('{0}/{1}/{2}', variables('serviceBusNamespaceName'), variables('topicName'), variables('fanoutSubscriptionName'))]",
            subscription.GetProperty("name").GetString());
        Assert.Equal(trigger.Text("topicName"), _template.Resolve("[variables('topicName')]"));
        Assert.Equal(trigger.Text("subscriptionName"), _template.Resolve("[variables('fanoutSubscriptionName')]"));
        Assert.True(topic.GetProperty("properties").GetProperty("requiresDuplicateDetection").GetBoolean());
        // Sessions keyed on the conversation id keep a conversation's events in order; the trigger must agree, as a
        // session-enabled trigger cannot read a subscription without sessions, nor the other way round.
        Assert.True(subscription.GetProperty("properties").GetProperty("requiresSession").GetBoolean());
        Assert.Equal(true, trigger.Flag("isSessionsEnabled"));
        Assert.False(topic.GetProperty("properties").GetProperty("enablePartitioning").GetBoolean(),
            "A partitioned topic with duplicate detection refuses a batch of messages with distinct ids, and the app sends batches.");
    }

    [Fact]
    public void ServiceBus_Namespace_IdentityOnlyAndTls12()
    {
        JsonElement properties = _template.SingleResource("Microsoft.ServiceBus/namespaces").GetProperty("properties");

        // The 2021-11-01 API version has no minimumTlsVersion (bicep build reports it, see BicepTests); 2024-01-01 has.
        Assert.True(properties.GetProperty("disableLocalAuth").GetBoolean(), "The app and the trigger use the managed identity; SAS keys stay off.");
        Assert.Equal("1.2", properties.GetProperty("minimumTlsVersion").GetString());
    }

    [Fact]
    public void SignalR_ServiceMode_IsServerless()
    {
        // The properties are shared with the deployment that adds the upstream (see below), so they live in a variable.
        Assert.Equal("[variables('signalRSettings').properties]", _template.SingleResource("Microsoft.SignalRService/signalR").GetProperty("properties").GetString());
        JsonElement features = _template.Variables.GetProperty("signalRSettings").GetProperty("properties").GetProperty("features");

        JsonElement mode = Assert.Single(features.EnumerateArray(), f => f.GetProperty("flag").GetString() == "ServiceMode");
        Assert.Equal("Serverless", mode.GetProperty("value").GetString());
    }

    [Fact]
    public void SignalR_Upstream_SendsTheHubsConnectionEventsToTheHostsSignalRWebhook()
    {
        JsonElement deployment = Assert.Single(_template.ResourcesOfType("Microsoft.Resources/deployments"),
            d => d.GetProperty("name").GetString() == "signalr-upstream");
        JsonElement properties = deployment.GetProperty("properties");
        JsonElement inner = Assert.Single(properties.GetProperty("template").GetProperty("resources").EnumerateArray());
        JsonElement parameters = properties.GetProperty("parameters");
        string url = parameters.GetProperty("upstreamUrl").GetProperty("value").GetString()!;
        string innerProperties = inner.GetProperty("properties").GetString()!;

        // The same service again (its settings shared with the first deployment), now with the upstream.
        Assert.Equal("Microsoft.SignalRService/signalR", inner.GetProperty("type").GetString());
        Assert.Equal("[variables('signalRName')]", parameters.GetProperty("name").GetProperty("value").GetString());
        Assert.Equal("[variables('signalRSettings')]", parameters.GetProperty("settings").GetProperty("value").GetString());
        Assert.Equal(FunctionContract.HubName, parameters.GetProperty("hubName").GetProperty("value").GetString());
        Assert.Contains("'categoryPattern', 'connections'", innerProperties, StringComparison.Ordinal);
        Assert.Contains("'hubPattern', parameters('hubName')", innerProperties, StringComparison.Ordinal);
        Assert.Contains("'urlTemplate', parameters('upstreamUrl')", innerProperties, StringComparison.Ordinal);
        // https://<app host>/runtime/webhooks/signalr?code=<the host's signalr_extension system key>
        Assert.StartsWith("[format('https://{0}/runtime/webhooks/signalr?code={1}', reference(resourceId('Microsoft.Web/sites', variables('functionAppName'))", url, StringComparison.Ordinal);
        Assert.EndsWith("listKeys(resourceId('Microsoft.Web/sites/host', variables('functionAppName'), 'default'), '2024-04-01').systemKeys.signalr_extension)]", url, StringComparison.Ordinal);
        Assert.Equal("securestring", properties.GetProperty("template").GetProperty("parameters").GetProperty("upstreamUrl").GetProperty("type").GetString(), StringComparer.OrdinalIgnoreCase);
        // The key exists before the first code deployment would make the host create it.
        JsonElement key = _template.SingleResource("Microsoft.Web/sites/host/systemkeys");
        Assert.Equal("signalr_extension", key.GetProperty("properties").GetProperty("name").GetString());
        Assert.Contains(deployment.GetProperty("dependsOn").EnumerateArray(), d => d.GetString()!.Contains("Microsoft.Web/sites/host/systemkeys", StringComparison.Ordinal));
    }

    [Fact]
    public void AppSettings_SignalRConnectionString_ComesFromListKeysOfTheService()
    {
        string value = _template.AppSettings[FunctionContract.SignalRConnectionSetting];

        Assert.StartsWith("[listKeys(resourceId('Microsoft.SignalRService/signalR', variables('signalRName'))", value, StringComparison.Ordinal);
        Assert.EndsWith(".primaryConnectionString]", value, StringComparison.Ordinal);
        Assert.False(_template.Parameters.EnumerateObject().Any(p => p.Value.GetProperty("type").GetString() is "securestring" or "secureString"),
            "No secret is passed in: the only one is read with listKeys at deployment.");
    }

    [Fact]
    public void AppSettings_BindingConnections_AreConfigured()
    {
        IReadOnlyDictionary<string, string> settings = _template.AppSettings;
        var bindings = FunctionDefinition.LoadAll().SelectMany(f => f.Bindings.Select(b => (Function: f.Name, Binding: b))).ToList();

        foreach ((string function, Binding binding) in bindings)
        {
            if (binding.Text("connection") is { } connection)
            {
                // Either a connection string setting or an identity-based prefix (<connection>__fullyQualifiedNamespace).
                Assert.True(
                    settings.ContainsKey(connection) || settings.Keys.Any(k => k.StartsWith(connection + "__", StringComparison.Ordinal)),
                    $"{function}/{binding.Name} connects through '{connection}', which no app setting configures.");
            }
            if (binding.Text("connectionStringSetting") is { } setting)
            {
                Assert.True(settings.ContainsKey(setting), $"{function}/{binding.Name} reads '{setting}', which no app setting provides.");
            }
        }
        Assert.Contains(bindings, b => b.Binding.Text("connection") is not null);
    }

    [Fact]
    public void Outputs_Values_HoldNoSecrets()
    {
        foreach (JsonProperty output in _template.Outputs.EnumerateObject())
        {
            string type = output.Value.GetProperty("type").GetString()!;
            string value = output.Value.GetProperty("value").GetRawText();

            Assert.DoesNotMatch(SecretLike(), output.Name);
            Assert.DoesNotMatch(SecretLike(), value);
            Assert.DoesNotMatch(ListCall(), value);
            Assert.False(type.StartsWith("secure", StringComparison.OrdinalIgnoreCase), $"Output {output.Name} is of type {type}.");
        }
    }

    [Fact]
    public void RoleAssignments_Principal_IsTheFunctionAppsIdentity()
    {
        IReadOnlyList<JsonElement> assignments = _template.ResourcesOfType("Microsoft.Authorization/roleAssignments");

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment =>
        {
            JsonElement properties = assignment.GetProperty("properties");
            Assert.Matches(FunctionAppPrincipal(), properties.GetProperty("principalId").GetString()!);
            Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
            // Named after scope, principal and role, so redeploying updates rather than duplicates.
            Assert.Contains("resourceId('Microsoft.Web/sites', variables('functionAppName'))", assignment.GetProperty("name").GetString(), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts")]
    [InlineData("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts")]
    // Sending to the topic and receiving from the fanout subscription only: other services' subscriptions stay theirs.
    [InlineData("Azure Service Bus Data Sender", "Microsoft.ServiceBus/namespaces/topics")]
    [InlineData("Azure Service Bus Data Receiver", "Microsoft.ServiceBus/namespaces/topics/subscriptions")]
    public void RoleAssignments_RequiredRole_GrantedOnItsResource(string role, string scopeType)
    {
        string id = RoleIds[role];

        JsonElement assignment = Assert.Single(
            _template.ResourcesOfType("Microsoft.Authorization/roleAssignments"),
            a => RoleIdOf(a) == id);
        Assert.False(assignment.TryGetProperty("condition", out _), $"{role} must always be granted.");
        Assert.StartsWith($"[resourceId('{scopeType}', ", assignment.GetProperty("scope").GetString(), StringComparison.Ordinal);
    }

    private string? RoleIdOf(JsonElement assignment)
    {
        string definition = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
        Match match = RoleVariable().Match(definition);
        return match.Success ? _template.Variables.GetProperty("roles").GetProperty(match.Groups[1].Value).GetString() : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex ApiVersion();

    [GeneratedRegex(@"connectionstring|accesskey|accountkey|primarykey|secondarykey|sharedaccess|password|secret", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"\blist\w*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListCall();

    [GeneratedRegex(@"^\[reference\(resourceId\('Microsoft\.Web/sites', variables\('functionAppName'\)\), '[0-9-]+', 'full'\)\.identity\.principalId\]$")]
    private static partial Regex FunctionAppPrincipal();

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', variables\('roles'\)\.(\w+)\)\]$")]
    private static partial Regex RoleVariable();
}
