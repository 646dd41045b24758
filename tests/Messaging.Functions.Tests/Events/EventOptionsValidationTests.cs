using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Tests.Events;

/// <summary>A bad <c>ServiceBus</c> or <c>Outbox</c> section stops the app at start with a message naming the setting.</summary>
public class EventOptionsValidationTests(AzuriteFixture azurite)
{
    private const string Key = "S3cr3tK3yTh4tMustN3v3rB3L0gg3d0000000000000=";
    private const string Connection = $"Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key}";

    public static TheoryData<string, string?, string, string?, string> Invalid() => new()
    {
        {
            "ServiceBus:ConnectionString", Connection, "ServiceBus:FullyQualifiedNamespace", "messaging-test.servicebus.windows.net",
            "ServiceBus:FullyQualifiedNamespace and ServiceBus:ConnectionString are both set"
        },
        {
            "ServiceBus:ConnectionString", $"Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessKey={Key};not a setting", "ServiceBus:TopicName", "messaging-events-topic",
            "ServiceBus:ConnectionString is not a Service Bus connection string"
        },
        {
            "ServiceBus:ConnectionString", $"Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessKey={Key}", "ServiceBus:TopicName", "messaging-events-topic",
            "ServiceBus:ConnectionString needs SharedAccessKeyName and SharedAccessKey"
        },
        {
            // The SDK's own error for this one quotes the whole string, key included.
            "ServiceBus:ConnectionString", $"Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key};UseDevelopmentEmulator=true", "ServiceBus:TopicName", "messaging-events-topic",
            "UseDevelopmentEmulator=true, but its Endpoint is not on this machine"
        },
        {
            "ServiceBus:ConnectionString", Connection + ";EntityPath=orders", "ServiceBus:TopicName", "messaging-events-topic",
            "scoped to the entity 'orders', but ServiceBus:TopicName is 'messaging-events-topic'"
        },
        {
            "ServiceBus:FullyQualifiedNamespace", "not a host name", "ServiceBus:TopicName", "messaging-events-topic",
            "ServiceBus:FullyQualifiedNamespace is not a host name"
        },
        {
            "ServiceBus:FullyQualifiedNamespace", "messaging-test.servicebus.windows.net", "ServiceBus:TopicName", "",
            "ServiceBus:TopicName must not be empty"
        },
        {
            // Publishing to the queue of earlier versions would lose every event: nothing reads it any more.
            "ServiceBus:FullyQualifiedNamespace", "messaging-test.servicebus.windows.net", "ServiceBus:QueueName", "messaging-events",
            "ServiceBus:QueueName is no longer read: events go to a topic, ServiceBus:TopicName"
        },
        {
            "ServiceBus:ConnectionString", Connection, "ServiceBus:ManagedIdentityClientId", "00000000-0000-0000-0000-000000000001",
            "ServiceBus:ManagedIdentityClientId is set but only applies with ServiceBus:FullyQualifiedNamespace"
        },
        {
            "ServiceBus:Endpoint", "sb://127.0.0.1:5671", "ServiceBus:TopicName", "messaging-events-topic",
            "ServiceBus:Endpoint is set but neither"
        },
        {
            "Outbox:SweepInterval", "00:00:00", "Outbox:StaleAfter", "00:00:30",
            "Outbox:SweepInterval must be longer than zero"
        },
        {
            "Outbox:SweepInterval", "00:01:00", "Outbox:StaleAfter", "-00:00:01",
            "Outbox:StaleAfter must not be negative"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task InvalidSetting_AppFailsAtStart_SaysWhyWithoutTheKey(string name1, string? value1, string name2, string? value2, string expected)
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { [name1] = value1, [name2] = value2 });

        OptionsValidationException failure = StartupFailure.Of(() => app.Services);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ServiceBus:ConnectionString", Connection)]
    [InlineData("ServiceBus:ConnectionString", "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;")]
    [InlineData("ServiceBus:ConnectionString", "Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=x&sig=y&se=1&skn=send")]
    [InlineData("ServiceBus:FullyQualifiedNamespace", "messaging-test.servicebus.windows.net")]
    [InlineData("ServiceBus:Endpoint", "")]
    [InlineData("ServiceBus:FullyQualifiedNamespace", "")]
    [InlineData("ServiceBus:ManagedIdentityClientId", "")]
    [InlineData("ServiceBus:QueueName", "messaging-events")] // ignored while events fan out in-process
    public async Task ValidSetting_AppStarts(string name, string value)
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { [name] = value });

        Assert.NotNull(app.Services);
    }
}

/// <summary>Unwraps what building and starting a host threw down to the options validation failure.</summary>
internal static class StartupFailure
{
    public static OptionsValidationException Of(Func<object> start)
    {
        Exception thrown = Assert.ThrowsAny<Exception>(start);
        for (Exception? e = thrown; e is not null; e = e.InnerException ?? (e as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (e is OptionsValidationException validation)
            {
                return validation;
            }
        }
        throw new Xunit.Sdk.XunitException($"Expected an OptionsValidationException at start, got: {thrown}");
    }
}
