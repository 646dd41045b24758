using Messaging.Core.Realtime;
using Messaging.Deploy.Tests.Infrastructure;
using Messaging.Functions;
using Messaging.Functions.AzureServices;
using Messaging.Functions.Features.Presence;
using Messaging.Functions.Invocations;

namespace Messaging.Deploy.Tests;

/// <summary>The app's own defaults and names agree with the function folders and the template.</summary>
public class AppAgreementTests
{
    [Fact]
    public async Task ServiceBusOptions_DefaultTopicName_MatchesTriggerAndTemplate()
    {
        Binding trigger = FunctionDefinition.Load("fanout").Trigger;
        ArmTemplate template = await ArmTemplate.CompileAsync();

        Assert.Equal(FunctionContract.TopicName, new ServiceBusOptions().TopicName);
        Assert.Equal(FunctionContract.TopicName, trigger.Text("topicName"));
        Assert.Equal(FunctionContract.TopicName, template.Resolve("[variables('topicName')]"));
        Assert.Equal(FunctionContract.SubscriptionName, trigger.Text("subscriptionName"));
        Assert.Equal(FunctionContract.SubscriptionName, template.Resolve("[variables('fanoutSubscriptionName')]"));
    }

    [Fact]
    public void RealtimeEvents_Hub_MatchesSignalROutputBinding()
    {
        Binding output = Assert.Single(FunctionDefinition.Load("fanout").Outputs);

        Assert.Equal(FunctionContract.HubName, RealtimeEvents.Hub);
        Assert.Equal(RealtimeEvents.Hub, output.Text("hubName"));
    }

    [Fact]
    public async Task SignalRConnectionSetting_SameForAppBindingAndTemplate()
    {
        Binding output = Assert.Single(FunctionDefinition.Load("fanout").Outputs);

        // The app signs negotiate tokens with the same connection string the output binding sends with.
        Assert.Equal(FunctionContract.SignalRConnectionSetting, MessagingServiceCollectionExtensions.SignalRConnectionSetting);
        Assert.Equal(MessagingServiceCollectionExtensions.SignalRConnectionSetting, output.Text("connectionStringSetting"));
        Assert.Contains(MessagingServiceCollectionExtensions.SignalRConnectionSetting, (await ArmTemplate.CompileAsync()).AppSettings.Keys);
    }

    [Fact]
    public void InvocationEndpoints_Names_MatchPayloadFunctionsAndBindings()
    {
        FunctionDefinition fanout = FunctionDefinition.Load(InvocationEndpoints.FanOutFunction);

        Assert.Equal(
            FunctionContract.Payload.Select(f => f.Name).Order(StringComparer.Ordinal),
            new[]
            {
                InvocationEndpoints.FanOutFunction, InvocationEndpoints.SweeperFunction,
                PresenceInvocations.ConnectedFunction, PresenceInvocations.DisconnectedFunction,
            }.Order(StringComparer.Ordinal));
        Assert.Equal(InvocationEndpoints.FanOutTrigger, fanout.Trigger.Name);
        Assert.Equal(InvocationEndpoints.SignalROutput, Assert.Single(fanout.Outputs).Name);
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.FunctionsDirectory, InvocationEndpoints.SweeperFunction, "function.json")));
    }

    [Theory]
    [InlineData(PresenceInvocations.ConnectedFunction)]
    [InlineData(PresenceInvocations.DisconnectedFunction)]
    public void PresenceInvocations_TriggerName_MatchesBinding(string name)
    {
        Binding trigger = FunctionDefinition.Load(name).Trigger;

        Assert.Equal(PresenceInvocations.Trigger, trigger.Name);
        Assert.Equal(PresenceInvocations.Category, trigger.Text("category"));
        Assert.Equal(RealtimeEvents.Hub, trigger.Text("hubName"));
    }
}
