using System.Text.Json;
using Messaging.DevStorage;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Messaging.Functions.Tests.Realtime;

/// <summary>A real @microsoft/signalr client (Node.js) against the app on a real socket.</summary>
public class RealtimeEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoUsers_ThroughNegotiate_ReceiveMessagesReadsAndTyping()
    {
        await using var app = new MessagingApp(azurite);

        await AssertEndToEndAsync(app, []);
    }

    [Fact]
    public async Task TwoUsers_WithBearerTokens_ConnectionsBelongToTheTokensUsers()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);

        await AssertEndToEndAsync(app, [JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["alice-jwt"] = Tokens.For("alice-jwt"),
            ["bob-jwt"] = Tokens.For("bob-jwt"),
        })]);
    }

    [Fact]
    public async Task Group_MembershipChangesReachEveryoneAffected_RemovedMemberHearsNoMore()
    {
        await using var app = new MessagingApp(azurite);

        await AssertEndToEndAsync(app, [], "groups.mjs", checks: 4);
    }

    [Fact]
    public async Task MessageLifecycle_EditsReactionsDeliveryAndDeletesReachTheUsers()
    {
        await using var app = new MessagingApp(azurite);

        await AssertEndToEndAsync(app, [], "lifecycle.mjs", checks: 6);
    }

    [Fact]
    public async Task CatchUp_AClientThatDroppedItsConnection_SyncsWhatItMissedOnce()
    {
        await using var app = new MessagingApp(azurite);

        await AssertEndToEndAsync(app, [], "catchup.mjs", checks: 3);
    }

    private static async Task AssertEndToEndAsync(MessagingApp app, string[] arguments, string script = "e2e.mjs", int checks = 4)
    {
        app.UseKestrel(0);
        app.StartServer();
        string baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        ProcessResult run = await RealtimeClient.RunAsync(script, [baseUrl, .. arguments], TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(":7071", baseUrl, StringComparison.Ordinal); // its own port, not the dev default
        Assert.True(run.ExitCode == 0, run.Describe());
        using JsonDocument result = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        Assert.True(result.RootElement.GetProperty("ok").GetBoolean(), run.Describe());
        Assert.Equal(checks, result.RootElement.GetProperty("checks").GetArrayLength());
    }
}
