using System.Globalization;
using System.Net;
using System.Text.Json;
using Messaging.Core.Presence;
using Messaging.Functions.Features.Presence;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Presence;

/// <summary>Presence over HTTP and real SignalR connections to the local hub, against a real Azurite.</summary>
public class PresenceTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    /// <summary>A <c>presenceChanged</c> argument (or a <c>_getPresence</c> element).</summary>
    private sealed record Seen(string User, bool Online, string Status, string? LastSeen)
    {
        public static Seen From(JsonElement e)
        {
            Assert.Equal(["lastSeen", "online", "status", "user"], e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            return new Seen(
                e.GetProperty("user").GetString()!,
                e.GetProperty("online").GetBoolean(),
                e.GetProperty("status").GetString()!,
                e.GetProperty("lastSeen").ValueKind == JsonValueKind.Null ? null : e.GetProperty("lastSeen").GetString());
        }
    }

    private static Task<HubListener<Seen>> ListenAsync(MessagingApp app, string user) =>
        HubListener<Seen>.ConnectAsync(app, user, "presenceChanged", Seen.From);

    /// <summary>Until the hub has stored <paramref name="count"/> connections of the user (it does so just after the handshake).</summary>
    private static Task HeldAsync(MessagingApp app, string user, int count) =>
        Eventually.TrueAsync(async () =>
            (await app.Services.GetRequiredService<IPresenceStore>().ReadAsync(user, TestContext.Current.CancellationToken)).Connections.Count == count);

    private static async Task<Seen> PresenceAsync(ApiClient api, string viewer, string user)
    {
        ApiResponse response = await api.PostAsync("_getPresence", new { user = viewer, users = new[] { user } });
        response.AssertStatus(HttpStatusCode.OK);
        return Seen.From(Assert.Single(response.Json.EnumerateArray()));
    }

    [Fact]
    public async Task TwoConnections_OneDrops_StaysOnline_BothDrop_OfflineWithLastSeen_OnlySharersHear()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> bob = await ListenAsync(app, "bob");
        await using HubListener<Seen> carol = await ListenAsync(app, "carol"); // shares no conversation with alice

        HubListener<Seen> phone = await ListenAsync(app, "alice");
        Assert.Equal(new Seen("alice", true, "online", null), await bob.NextAsync());
        HubListener<Seen> laptop = await ListenAsync(app, "alice");
        await HeldAsync(app, "alice", 2);
        await phone.DisposeAsync();
        await HeldAsync(app, "alice", 1);

        Assert.Equal(new Seen("alice", true, "online", null), await PresenceAsync(api, "bob", "alice"));
        await laptop.DisposeAsync();
        // The second connection and the first close published nothing: the next event is the one going offline.
        Seen offline = await bob.NextAsync();
        Assert.Equal(new Seen("alice", false, "offline", offline.LastSeen), offline);
        Assert.NotNull(offline.LastSeen);
        Assert.Equal(offline, await PresenceAsync(api, "bob", "alice"));
        await bob.AssertNothingWithinAsync(Quiet);
        await carol.AssertNothingWithinAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Connections_OpeningAtOnce_OneOnlineEvent_ClosingAtOnce_OneOffline()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> bob = await ListenAsync(app, "bob");

        HubListener<Seen>[] devices = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ListenAsync(app, "alice")));
        Assert.True((await bob.NextAsync()).Online);
        await HeldAsync(app, "alice", 4);
        await Task.WhenAll(devices.Select(d => d.DisposeAsync().AsTask()));

        Assert.False((await bob.NextAsync()).Online);
        await bob.AssertNothingWithinAsync(Quiet);
        Assert.False((await PresenceAsync(api, "bob", "alice")).Online);
    }

    [Fact]
    public async Task SetPresence_Away_SharersHear_SameAgainNothing_BackOnline()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> bob = await ListenAsync(app, "bob");
        await using HubListener<Seen> alice = await ListenAsync(app, "alice");
        await bob.NextAsync();

        ApiResponse away = await api.PostAsync("setPresence", new { user = "alice", status = "away" });

        away.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(new Seen("alice", true, "away", null), Seen.From(away.Json));
        Assert.Equal(new Seen("alice", true, "away", null), await bob.NextAsync());
        Assert.Equal("away", (await PresenceAsync(api, "bob", "alice")).Status);
        await api.PostAsync("setPresence", new { user = "alice", status = "away" });
        await api.PostAsync("setPresence", new { user = "alice", status = "online" });
        Assert.Equal(new Seen("alice", true, "online", null), await bob.NextAsync());
        await bob.AssertNothingWithinAsync(Quiet);
    }

    [Fact]
    public async Task SetPresence_WhileOffline_KeptForTheNextConnection()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> bob = await ListenAsync(app, "bob");

        ApiResponse away = await api.PostAsync("setPresence", new { user = "alice", status = "away" });
        await using HubListener<Seen> alice = await ListenAsync(app, "alice");

        Assert.Equal(new Seen("alice", false, "offline", null), Seen.From(away.Json));
        Assert.Equal(new Seen("alice", true, "away", null), await bob.NextAsync());
    }

    [Fact]
    public async Task GetPresence_Strangers_LookOfflineAndNeverSeen_Sharers_AsTheyAre()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> alice = await ListenAsync(app, "alice");
        await HeldAsync(app, "alice", 1);

        ApiResponse carol = await api.PostAsync("_getPresence", new { user = "carol", users = new[] { "alice", "bob", "carol", "alice" } });
        ApiResponse bob = await api.PostAsync("_getPresence", new { user = "bob", users = new[] { "zed", "alice" } });

        Assert.Equal(
            [new Seen("alice", false, "offline", null), new Seen("bob", false, "offline", null), new Seen("carol", false, "offline", null)],
            carol.Json.EnumerateArray().Select(Seen.From));
        Assert.Equal([new Seen("zed", false, "offline", null), new Seen("alice", true, "online", null)], bob.Json.EnumerateArray().Select(Seen.From));
    }

    [Fact]
    public async Task GetPresence_LeftAConversation_NoLongerSees()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob", "carol" } }))
            .Json.GetProperty("conversationId").GetString()!;
        await using HubListener<Seen> alice = await ListenAsync(app, "alice");
        await HeldAsync(app, "alice", 1);
        Assert.True((await PresenceAsync(api, "carol", "alice")).Online);

        await api.PostAsync("leaveConversation", new { conversationId = group, user = "carol" });

        Assert.False((await PresenceAsync(api, "carol", "alice")).Online);
        Assert.True((await PresenceAsync(api, "bob", "alice")).Online);
    }

    [Fact]
    public async Task Blocked_NeitherSideSeesOrHearsTheOther_OthersDo_UnblockedSeesAgain()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob", "carol" } });
        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        HubListener<Seen> alice = await ListenAsync(app, "alice");
        await HeldAsync(app, "alice", 1);
        await using HubListener<Seen> carol = await ListenAsync(app, "carol");
        Assert.Equal(new Seen("carol", true, "online", null), await alice.NextAsync());

        await using HubListener<Seen> bob = await ListenAsync(app, "bob");

        // bob's coming online reaches carol, not alice who blocks him; alice's going offline reaches carol, not bob.
        Assert.Equal(new Seen("bob", true, "online", null), await carol.NextAsync());
        await alice.AssertNothingWithinAsync(Quiet);
        Assert.Equal(new Seen("alice", false, "offline", null), await PresenceAsync(api, "bob", "alice"));
        Assert.Equal(new Seen("bob", false, "offline", null), await PresenceAsync(api, "alice", "bob"));
        Assert.True((await PresenceAsync(api, "carol", "alice")).Online);
        Assert.True((await PresenceAsync(api, "carol", "bob")).Online);
        await alice.DisposeAsync();
        Assert.False((await carol.NextAsync()).Online);
        await bob.AssertNothingWithinAsync(Quiet);

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.True((await PresenceAsync(api, "alice", "bob")).Online);
        Assert.NotNull((await PresenceAsync(api, "bob", "alice")).LastSeen);
    }

    [Fact]
    public async Task DeadServer_LeaseExpires_SweepTakesTheUserOfflineWithTheLeasesEnd()
    {
        var clock = new SettableClock();
        await using var app = new MessagingApp(azurite, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> bob = await ListenAsync(app, "bob");
        // As if another server had registered alice's connection, then died: nobody renews its lease.
        DateTimeOffset connectedAt = clock.GetUtcNow();
        await app.Services.GetRequiredService<PresenceTracker>().ConnectAsync("alice", "conn-on-a-dead-server", TestContext.Current.CancellationToken);
        Assert.True((await bob.NextAsync()).Online);

        clock.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(0, await SweepAsync(app));
        Assert.True((await PresenceAsync(api, "bob", "alice")).Online);
        clock.Advance(TimeSpan.FromSeconds(2));
        string leaseEnd = Iso(connectedAt + TimeSpan.FromSeconds(90));
        // Expired but not swept yet: already offline to queries.
        Assert.Equal(new Seen("alice", false, "offline", leaseEnd), await PresenceAsync(api, "bob", "alice"));
        await SweepAsync(app);

        Assert.Equal(new Seen("alice", false, "offline", leaseEnd), await bob.NextAsync());
        Assert.Equal(new Seen("alice", false, "offline", leaseEnd), await PresenceAsync(api, "bob", "alice"));
        await SweepAsync(app);
        await bob.AssertNothingWithinAsync(Quiet);
    }

    [Fact]
    public async Task LiveServer_RenewsItsLeases_StaysOnlineAcrossTheLease()
    {
        var clock = new SettableClock();
        // The app's own heartbeat runs on real time: pushed out of this test's way, which renews by hand.
        await using var app = new MessagingApp(azurite, configureServices: services => services.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string?> { ["Presence:HeartbeatInterval"] = "00:01:29" });
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> alice = await ListenAsync(app, "alice");
        await HeldAsync(app, "alice", 1);
        LocalPresenceConnections held = app.Services.GetRequiredService<LocalPresenceConnections>();

        clock.Advance(TimeSpan.FromSeconds(60));
        await held.RenewAllAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(60));
        await SweepAsync(app);

        Assert.True((await PresenceAsync(api, "bob", "alice")).Online);
        clock.Advance(TimeSpan.FromSeconds(60));
        await SweepAsync(app);
        Assert.False((await PresenceAsync(api, "bob", "alice")).Online);
        // The connection is still open here: the next renewal finds it gone and brings it back.
        await held.RenewAllAsync(TestContext.Current.CancellationToken);
        Assert.True((await PresenceAsync(api, "bob", "alice")).Online);
    }

    [Theory]
    [InlineData("_getPresence", "{\"user\":\"bob\"}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":[]}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":null}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":\"alice\"}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":[1]}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":[\"\"]}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":[null]}")]
    [InlineData("_getPresence", "{\"user\":\" \",\"users\":[\"alice\"]}")]
    [InlineData("_getPresence", "{\"user\":\"bob\",\"users\":{101}}")]
    [InlineData("setPresence", "{\"user\":\"alice\"}")]
    [InlineData("setPresence", "{\"user\":\"alice\",\"status\":\"busy\"}")]
    [InlineData("setPresence", "{\"user\":\"alice\",\"status\":\"offline\"}")]
    [InlineData("setPresence", "{\"user\":\"alice\",\"status\":\"Away\"}")]
    [InlineData("setPresence", "{\"user\":\"alice\",\"status\":null}")]
    [InlineData("setPresence", "{\"user\":\"alice\",\"status\":true}")]
    [InlineData("setPresence", "{\"status\":\"away\"}")]
    public async Task BadRequest_400AndNothingChanges(string action, string body)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<Seen> alice = await ListenAsync(app, "alice");
        await HeldAsync(app, "alice", 1);
        string before = (await api.PostAsync("_getPresence", new { user = "bob", users = new[] { "alice" } })).Text;
        string tooMany = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"u{i}\""));

        ApiResponse response = await api.PostRawAsync(action, body.Replace("{101}", $"[{tooMany}]", StringComparison.Ordinal));

        response.AssertError(HttpStatusCode.BadRequest);
        Assert.Equal(before, (await api.PostAsync("_getPresence", new { user = "bob", users = new[] { "alice" } })).Text);
    }

    [Fact]
    public async Task GetPresence_AHundredUsers_Answered()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse response = await api.PostAsync("_getPresence", new { user = "bob", users = Enumerable.Range(0, 100).Select(i => $"u{i}").ToArray() });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(100, response.Json.GetArrayLength());
    }

    [Fact]
    public async Task WithTokens_TheCallerIsTheViewer_StrangersSeeNothing()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        using ApiClient mallory = app.Api(app.CreateClient().As(Tokens.For("mallory")));
        using ApiClient admin = app.Api(app.CreateClient().As(Tokens.For("root", ["admin"])));
        await alice.CreateConversationAsync("alice", "bob");
        await app.Services.GetRequiredService<PresenceTracker>().ConnectAsync("alice", "c1", TestContext.Current.CancellationToken);

        Assert.True(Seen.From((await bob.PostAsync("_getPresence", new { users = new[] { "alice" } })).Json[0]).Online);
        Assert.True(Seen.From((await bob.PostAsync("_getPresence", new { user = "bob", users = new[] { "alice" } })).Json[0]).Online);
        Assert.Equal(new Seen("alice", false, "offline", null), Seen.From((await mallory.PostAsync("_getPresence", new { users = new[] { "alice" } })).Json[0]));
        // The admin role does not widen it: presence is about people, not data.
        Assert.False(Seen.From((await admin.PostAsync("_getPresence", new { users = new[] { "alice" } })).Json[0]).Online);
        (await mallory.PostAsync("_getPresence", new { user = "bob", users = new[] { "alice" } })).AssertError(HttpStatusCode.Forbidden);
        (await alice.PostAsync("setPresence", new { status = "away" })).AssertStatus(HttpStatusCode.OK);
        (await mallory.PostAsync("setPresence", new { user = "alice", status = "online" })).AssertError(HttpStatusCode.Forbidden);
        Assert.Equal("away", Seen.From((await bob.PostAsync("_getPresence", new { users = new[] { "alice" } })).Json[0]).Status);
    }

    private static Task<int> SweepAsync(MessagingApp app) =>
        app.Services.GetRequiredService<PresenceSweep>().RunAsync(TestContext.Current.CancellationToken);

    private static string Iso(DateTimeOffset value) =>
        Core.Timestamps.ToMilliseconds(value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = System.GetUtcNow();

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
