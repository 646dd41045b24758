using System.Net;
using System.Text;
using System.Text.Json;
using Messaging.Core.Presence;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Presence;

/// <summary>
/// The payloads the Functions host sends to <c>presenceConnected</c> and <c>presenceDisconnected</c> (signalRTrigger,
/// category connections), as SignalR Service's upstream reports a client connection opening and closing.
/// </summary>
public class PresenceInvocationTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> HostSettings = new() { ["Invocations:Enabled"] = "true" };

    public static TheoryData<string> Encodings() => ["object", "plain string", "double-encoded string", "camelCase object"];

    /// <summary>The trigger's InvocationContext, as the extension serializes it, in the envelope the host posts.</summary>
    private static string Envelope(string function, string connectionEvent, string connectionId, string? userId, string encoding = "object")
    {
        var context = new Dictionary<string, object?>
        {
            ["Arguments"] = null,
            ["Error"] = connectionEvent == "disconnected" ? "" : null,
            ["Category"] = "connections",
            ["Event"] = connectionEvent,
            ["Hub"] = "messaging",
            ["ConnectionId"] = connectionId,
            ["UserId"] = userId,
            ["Headers"] = new Dictionary<string, string> { ["User-Agent"] = "signalr-client" },
            ["Query"] = new Dictionary<string, string> { ["hub"] = "messaging" },
            ["Claims"] = new Dictionary<string, string> { ["nameid"] = userId ?? "", ["aud"] = "https://svc.service.signalr.net/client/?hub=messaging" },
        };
        string json = encoding == "camelCase object"
            ? JsonSerializer.Serialize(context.ToDictionary(p => char.ToLowerInvariant(p.Key[0]) + p.Key[1..], p => p.Value))
            : JsonSerializer.Serialize(context);
        string data = encoding switch
        {
            "double-encoded string" => JsonSerializer.Serialize(JsonSerializer.Serialize(json)),
            "plain string" => JsonSerializer.Serialize(json),
            _ => json,
        };
        return "{\"Data\":{\"invocation\":" + data + "},\"Metadata\":{\"sys\":{\"MethodName\":\"" + function
            + "\",\"UtcNow\":\"2026-12-02T10:00:00Z\",\"RandGuid\":\"1\"}}}";
    }

    private static async Task<HttpResponseMessage> InvokeAsync(ApiClient api, string function, string payload) =>
        await api.Http.PostAsync("/" + function, new StringContent(payload, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static async Task<bool> OnlineAsync(ApiClient api, string user) =>
        (await api.PostAsync("_getPresence", new { users = new[] { user } })).Json[0].GetProperty("online").GetBoolean();

    [Fact]
    public async Task Standalone_PresenceFunctions_NotExposed()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        Assert.Equal(HttpStatusCode.NotFound, (await InvokeAsync(api, "presenceConnected", Envelope("presenceConnected", "connected", "c1", "alice"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await InvokeAsync(api, "presenceDisconnected", Envelope("presenceDisconnected", "disconnected", "c1", "alice"))).StatusCode);
        Assert.False(await OnlineAsync(api, "alice"));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task ConnectedThenDisconnected_SharersHear_EmptyOutputsAndALogLine(string encoding)
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<JsonElement> bob = await HubListener<JsonElement>.ConnectAsync(app, "bob", "presenceChanged", e => e.Clone());

        HttpResponseMessage connected = await InvokeAsync(api, "presenceConnected", Envelope("presenceConnected", "connected", "svc-conn-1", "alice", encoding));

        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        using (JsonDocument body = JsonDocument.Parse(await connected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
            Assert.Contains("svc-conn-1", Assert.Single(body.RootElement.GetProperty("Logs").EnumerateArray()).GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
        }
        Assert.True((await bob.NextAsync()).GetProperty("online").GetBoolean());
        Assert.True(await OnlineAsync(api, "alice"));

        HttpResponseMessage disconnected = await InvokeAsync(api, "presenceDisconnected", Envelope("presenceDisconnected", "disconnected", "svc-conn-1", "alice", encoding));

        Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        JsonElement offline = await bob.NextAsync();
        Assert.False(offline.GetProperty("online").GetBoolean());
        Assert.Equal(JsonValueKind.String, offline.GetProperty("lastSeen").ValueKind);
        Assert.False(await OnlineAsync(api, "alice"));
    }

    [Fact]
    public async Task SameEventTwice_SecondChangesNothing()
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await using HubListener<JsonElement> bob = await HubListener<JsonElement>.ConnectAsync(app, "bob", "presenceChanged", e => e.Clone());

        await InvokeAsync(api, "presenceConnected", Envelope("presenceConnected", "connected", "c1", "alice"));
        await InvokeAsync(api, "presenceConnected", Envelope("presenceConnected", "connected", "c1", "alice"));
        await InvokeAsync(api, "presenceDisconnected", Envelope("presenceDisconnected", "disconnected", "c1", "alice"));
        HttpResponseMessage again = await InvokeAsync(api, "presenceDisconnected", Envelope("presenceDisconnected", "disconnected", "c1", "alice"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await bob.NextAsync()).GetProperty("online").GetBoolean());
        Assert.False((await bob.NextAsync()).GetProperty("online").GetBoolean());
        await bob.AssertNothingWithinAsync(TimeSpan.FromMilliseconds(500));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Connected_WithoutAValidUser_IgnoredWith200(string? userId)
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();

        HttpResponseMessage response = await InvokeAsync(api, "presenceConnected", Envelope("presenceConnected", "connected", "c1", userId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("presenceConnected", "{}")]
    [InlineData("presenceConnected", "not json")]
    [InlineData("presenceConnected", "{\"Data\":{}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":\"\\\"not a context\\\"\"}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":[1]}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":{\"UserId\":\"alice\"}}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":{\"ConnectionId\":1,\"UserId\":\"alice\"}}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":{\"ConnectionId\":\"c1\",\"UserId\":\"alice\",\"Event\":\"disconnected\"}}}")]
    [InlineData("presenceDisconnected", "{\"Data\":{\"invocation\":{\"ConnectionId\":\"c1\",\"UserId\":\"alice\",\"Event\":\"connected\"}}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":{\"ConnectionId\":\"c1\",\"UserId\":\"alice\",\"Category\":\"messages\"}}}")]
    [InlineData("presenceConnected", "{\"Data\":{\"invocation\":{\"ConnectionId\":\"c1\",\"UserId\":\"alice\",\"Hub\":\"other\"}}}")]
    public async Task BadPayload_ClientErrorNot500_NothingStored(string function, string payload)
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();

        HttpResponseMessage response = await InvokeAsync(api, function, payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await OnlineAsync(api, "alice"));
    }

    [Fact]
    public async Task ServiceConnection_LeaseExpires_SweepAsksTheService_RenewsWhileOpen_DropsOnceClosed()
    {
        var clock = new SettableClock();
        var service = new ServiceConnections();
        await using var app = new MessagingApp(azurite, settings: HostSettings, configureServices: services => services
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IConnectionProbe>(service));
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        await InvokeAsync(api, "presenceConnected", Envelope("presenceConnected", "connected", "svc-1", "alice"));
        service.Open.Add("svc-1");

        // Past the lease of a connection to this app's hub: the service's connections have a longer one.
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await SweepAsync(app));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await SweepAsync(app));
        Assert.Equal(["svc-1"], service.Asked);
        Assert.True(await OnlineAsync(api, "alice"));

        service.Open.Clear(); // its disconnected report was lost
        clock.Advance(TimeSpan.FromMinutes(11));
        await SweepAsync(app);

        Assert.False(await OnlineAsync(api, "alice"));
        Assert.Equal(["svc-1", "svc-1"], service.Asked);
    }

    private static Task<int> SweepAsync(MessagingApp app) =>
        app.Services.GetRequiredService<PresenceSweep>().RunAsync(TestContext.Current.CancellationToken);

    /// <summary>SignalR Service as the sweep sees it: which connections are open.</summary>
    private sealed class ServiceConnections : IConnectionProbe
    {
        public HashSet<string> Open { get; } = [];

        public List<string> Asked { get; } = [];

        public Task<bool> IsOpenAsync(string connectionId, CancellationToken cancellationToken)
        {
            Asked.Add(connectionId);
            return Task.FromResult(Open.Contains(connectionId));
        }
    }

    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = System.GetUtcNow();

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    [Fact]
    public async Task OutboxSweeper_TimerPayload_AlsoSweepsPresenceLeases()
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();
        const string timer = """
            {"Data":{"timer":{"Schedule":{},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"outboxSweeper","UtcNow":"2026-12-02T10:00:00Z","RandGuid":"1"}}}
            """;

        HttpResponseMessage response = await InvokeAsync(api, "outboxSweeper", timer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(body.RootElement.GetProperty("Logs").EnumerateArray(), l => l.GetString()!.StartsWith("Presence sweep expired leases of 0 user", StringComparison.Ordinal));
    }
}
