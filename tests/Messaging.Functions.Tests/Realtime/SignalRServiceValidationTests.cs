using Messaging.Functions.AzureServices;
using Messaging.Functions.Realtime;
using Messaging.Functions.Tests.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.Extensions.Options;
using Messaging.Core.Realtime;

namespace Messaging.Functions.Tests.Realtime;

/// <summary>The SignalR Service connection string is parsed at start: a bad one stops the app there, and says why.</summary>
public class SignalRServiceValidationTests(AzuriteFixture azurite)
{
    private const string Key = "S3cr3tAcc3ssK3yTh4tMustN3v3rB3L0gg3d0000000"; // no '=': a bare key is a malformed segment

    [Theory]
    [InlineData($"Endpoint=chat-test.service.signalr.net;AccessKey={Key};Version=1.0;", "Endpoint is not an absolute http(s) URI")]
    [InlineData($"AccessKey={Key};Version=1.0;", "has no Endpoint")]
    [InlineData($"Endpoint=https://chat-test.service.signalr.net;AccessKey={Key};Version=2.0;", "Version is not supported")]
    [InlineData($"Endpoint=https://chat-test.service.signalr.net;AccessKey={Key};Port=99999;", "Port must be a number from 1 to 65535")]
    [InlineData($"Endpoint=https://chat-test.service.signalr.net;{Key};", "segment 2 is not of the form Name=Value")]
    [InlineData("Endpoint=https://chat-test.service.signalr.net;Version=1.0;", "has neither an AccessKey nor an AuthType")]
    [InlineData("Endpoint=https://chat-test.service.signalr.net;AuthType=azure.msi;Version=1.0;", "has no AccessKey (it uses AuthType=azure.msi)")]
    public async Task InvalidConnectionString_AppFailsAtStart_SaysWhyWithoutTheKey(string connectionString, string expected)
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            [MessagingServiceCollectionExtensions.SignalRConnectionSetting] = connectionString,
        });

        OptionsValidationException failure = StartupFailure.Of(() => app.Services);

        Assert.Contains(MessagingServiceCollectionExtensions.SignalRConnectionSetting, failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidConnectionString_AppStartsAndUsesTheService()
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            [MessagingServiceCollectionExtensions.SignalRConnectionSetting] = $"Endpoint=https://chat-test.service.signalr.net;AccessKey={Key};Version=1.0;",
        });

        Assert.IsType<SignalRServiceNegotiator>(app.Services.GetRequiredService<INegotiator>());
        Assert.IsType<SignalRServiceNotifier>(app.Services.GetRequiredService<IRealtimeNotifier>());
    }
}
