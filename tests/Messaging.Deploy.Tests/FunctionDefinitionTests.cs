using System.Text.Json;
using Messaging.Deploy.Tests.Infrastructure;

namespace Messaging.Deploy.Tests;

/// <summary>functions/*/function.json against the contract the app is built for.</summary>
public class FunctionDefinitionTests
{
    [Fact]
    public void LoadAll_FunctionFolders_MatchContractExactly()
    {
        IEnumerable<string> folders = Directory.GetDirectories(RepositoryLayout.FunctionsDirectory).Select(Path.GetFileName)!;

        Assert.Equal(FunctionContract.AllNames.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
        Assert.All(folders, name => Assert.True(
            File.Exists(Path.Combine(RepositoryLayout.FunctionsDirectory, name, "function.json")),
            $"functions/{name} has no function.json, so the host would not see a function there."));
    }

    [Fact]
    public void LoadAll_NotForwardable_ExactlyThePayloadFunctions()
    {
        IEnumerable<string> payload = FunctionDefinition.LoadAll().Where(f => !f.IsHttpInAndOut).Select(f => f.Name);

        // These are the functions the app must serve at POST /{name}; keep FunctionContract.Payload in step.
        Assert.Equal(FunctionContract.Payload.Select(f => f.Name).Order(StringComparer.Ordinal), payload.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FunctionContract.HttpNames), MemberType = typeof(FunctionContract))]
    public void Load_HttpFunction_ForwardedToTheAppPath(string name)
    {
        HttpFunction expected = FunctionContract.HttpFunction(name);
        FunctionDefinition function = FunctionDefinition.Load(name);
        Binding trigger = function.Trigger;

        Assert.True(function.IsHttpInAndOut, $"{name} must have exactly one httpTrigger in and one http out to be forwarded.");
        Assert.Equal("req", trigger.Name);
        Assert.Equal("res", function.Outputs.Single().Name);
        // The app validates bearer tokens itself; a function key would only get in the way of clients.
        Assert.Equal("anonymous", trigger.Text("authLevel"));
        Assert.Equal(expected.Methods, trigger.Strings("methods").Select(m => m.ToLowerInvariant()));
        Assert.Equal(expected.Route, trigger.Text("route"));
        Assert.Equal(expected.AppPath, $"/{HostJsonRoutePrefix()}/{trigger.Text("route")}");
    }

    [Theory]
    [MemberData(nameof(FunctionContract.PayloadNames), MemberType = typeof(FunctionContract))]
    public void Load_PayloadFunction_TriggerAndOutputsNamedAsTheAppExpects(string name)
    {
        PayloadFunction expected = FunctionContract.PayloadFunction(name);
        FunctionDefinition function = FunctionDefinition.Load(name);

        Assert.False(function.IsHttpInAndOut);
        Assert.Equal(expected.TriggerType, function.Trigger.Type);
        // The payload carries the trigger under Data[<trigger name>] and reads Outputs[<output name>] back.
        Assert.Equal(expected.TriggerName, function.Trigger.Name);
        Assert.Single(function.Inputs);
        Assert.Equal(expected.OutputNames.Order(StringComparer.Ordinal), function.Outputs.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_Fanout_TopicSubscriptionHubAndConnectionsAgree()
    {
        FunctionDefinition fanout = FunctionDefinition.Load("fanout");
        Binding trigger = fanout.Trigger;
        Binding signalR = Assert.Single(fanout.Outputs);

        Assert.Equal(FunctionContract.TopicName, trigger.Text("topicName"));
        Assert.Equal(FunctionContract.SubscriptionName, trigger.Text("subscriptionName"));
        Assert.Equal(FunctionContract.ServiceBusConnection, trigger.Text("connection"));
        Assert.Null(trigger.Text("queueName"));
        // The subscription requires sessions (SessionId = conversation id): one conversation's events arrive in order.
        Assert.True(trigger.Flag("isSessionsEnabled"));
        Assert.Equal("signalR", signalR.Type);
        Assert.Equal(FunctionContract.HubName, signalR.Text("hubName"));
        Assert.Equal(FunctionContract.SignalRConnectionSetting, signalR.Text("connectionStringSetting"));
    }

    [Fact]
    public void Load_OutboxSweeper_RunsEveryMinuteNotOnStartup()
    {
        Binding timer = FunctionDefinition.Load("outboxSweeper").Trigger;

        Assert.Equal("0 */1 * * * *", timer.Text("schedule"));
        // runOnStartup would fire on every scale-out and restart; the schedule alone is enough for a sweeper.
        Assert.NotEqual(true, timer.Flag("runOnStartup"));
    }

    [Theory]
    [InlineData("presenceConnected", "connected")]
    [InlineData("presenceDisconnected", "disconnected")]
    public void Load_PresenceTriggers_ConnectionEventsOfTheHub(string name, string connectionEvent)
    {
        Binding trigger = FunctionDefinition.Load(name).Trigger;

        Assert.Equal(FunctionContract.HubName, trigger.Text("hubName"));
        Assert.Equal(FunctionContract.SignalRConnectionsCategory, trigger.Text("category"));
        Assert.Equal(connectionEvent, trigger.Text("event"));
        Assert.Equal(FunctionContract.SignalRConnectionSetting, trigger.Text("connectionStringSetting"));
    }

    private static string HostJsonRoutePrefix()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(RepositoryLayout.HostJson));
        return host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }
}
