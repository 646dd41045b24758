using System.Net;
using System.Text;
using System.Text.Json;
using Messaging.Core.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Messaging.Core.Messages;

namespace Messaging.Functions.Tests.Invocations;

/// <summary>The payloads the Functions host sends to non-forwarded functions, and what they answer.</summary>
public class InvocationEndpointsTests(AzuriteFixture azurite)
{
    /// <summary>A MessageSent event as the queue carries it, left in the outbox (publishing is dropped).</summary>
    private static async Task<(MessagingApp App, ApiClient Api, MessageSent Sent)> SentAsync(AzuriteFixture azurite)
    {
        var dropped = new DroppingPublisher();
        var app = new MessagingApp(azurite, configureServices: services => services.UsePublisher(dropped), settings: HostSettings);
        ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hello \"bob\" ✨");
        return (app, api, Assert.IsType<MessageSent>(dropped.Dropped[^1]));
    }

    /// <summary>As under the Functions host, which is what exposes the invocation endpoints.</summary>
    private static readonly Dictionary<string, string?> HostSettings = new() { ["Invocations:Enabled"] = "true" };

    [Fact]
    public async Task Standalone_InvocationEndpoints_NotExposed()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        HttpResponseMessage fanOut = await api.Http.PostAsync("/fanout", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        HttpResponseMessage sweeper = await api.Http.PostAsync("/outboxSweeper", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, fanOut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sweeper.StatusCode);
    }

    public static TheoryData<string> Encodings() => ["double-encoded string", "plain string", "object"];

    private static string Envelope(string eventJson, string encoding)
    {
        string data = encoding switch
        {
            // What current hosts send for a string-typed trigger: a JSON string holding the JSON of the string.
            "double-encoded string" => JsonSerializer.Serialize(JsonSerializer.Serialize(eventJson)),
            "plain string" => JsonSerializer.Serialize(eventJson),
            _ => eventJson,
        };
        const string metadata = """
            {"MessageId":"\"abc\"","DeliveryCount":"1","EnqueuedTimeUtc":"2026-11-22T10:00:00","sys":{"MethodName":"fanout","UtcNow":"2026-11-22T10:00:00Z","RandGuid":"0f0e"}}
            """;
        return "{\"Data\":{\"message\":" + data + "},\"Metadata\":" + metadata + "}";
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task FanOut_MessageSent_ReturnsNewMessageForEveryParticipant(string encoding)
    {
        (MessagingApp app, ApiClient api, MessageSent sent) = await SentAsync(azurite);
        await using MessagingApp _ = app;
        using ApiClient __ = api;

        HttpResponseMessage response = await api.Http.PostAsync("/fanout", new StringContent(Envelope(EventEnvelope.Serialize(sent), encoding), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        JsonElement[] messages = [.. body.RootElement.GetProperty("Outputs").GetProperty("signalRMessages").EnumerateArray()];
        Assert.Equal(["alice", "bob"], messages.Select(m => m.GetProperty("userId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal("newMessage", m.GetProperty("target").GetString()));
        JsonElement argument = Assert.Single(messages[0].GetProperty("arguments").EnumerateArray());
        JsonElement stored = (await api.PostAsync("_getMessageDetails", new { messageId = sent.Message.Id })).Json[0];
        Assert.Equal(JsonShape.Shared(stored), JsonShape.Shared(argument));
        Assert.Single(body.RootElement.GetProperty("Logs").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Equal(1, (await api.PostAsync("_getUnreadCounts", new { user = "bob" })).Json[0].GetProperty("unreadCount").GetInt64());
    }

    [Fact]
    public async Task FanOut_SameEventTwice_SecondChangesNothing()
    {
        (MessagingApp app, ApiClient api, MessageSent sent) = await SentAsync(azurite);
        await using MessagingApp _ = app;
        using ApiClient __ = api;
        var content = new StringContent(Envelope(EventEnvelope.Serialize(sent), "object"), Encoding.UTF8, "application/json");
        await api.Http.PostAsync("/fanout", content, TestContext.Current.CancellationToken);
        string inboxes = (await api.PostAsync("_getUnreadCounts", new { user = "bob" })).Text + (await api.PostAsync("_getUnreadCounts", new { user = "alice" })).Text;

        HttpResponseMessage again = await api.Http.PostAsync("/fanout", new StringContent(Envelope(EventEnvelope.Serialize(sent), "object"), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(inboxes, (await api.PostAsync("_getUnreadCounts", new { user = "bob" })).Text + (await api.PostAsync("_getUnreadCounts", new { user = "alice" })).Text);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"Data\":{}}")]
    [InlineData("{\"Data\":{\"message\":\"\\\"not an event\\\"\"}}")]
    [InlineData("{\"Data\":{\"message\":{\"type\":\"Unknown\"}}}")]
    [InlineData("not json")]
    public async Task FanOut_BadPayload_ClientErrorNot500(string payload)
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();

        HttpResponseMessage response = await api.Http.PostAsync("/fanout", new StringContent(payload, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OutboxSweeper_TimerPayload_EmptyOutputsAndLogLine()
    {
        await using var app = new MessagingApp(azurite, settings: HostSettings);
        using ApiClient api = app.Api();
        const string timer = """
            {"Data":{"timer":{"Schedule":{},"ScheduleStatus":{"Last":"2026-11-22T09:55:00+00:00","Next":"2026-11-22T10:05:00+00:00","LastUpdated":"2026-11-22T10:00:00+00:00"},"IsPastDue":false}},
             "Metadata":{"sys":{"MethodName":"outboxSweeper","UtcNow":"2026-11-22T10:00:00Z","RandGuid":"1"}}}
            """;

        HttpResponseMessage response = await api.Http.PostAsync("/outboxSweeper", new StringContent(timer, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
        Assert.Contains("republished 0", body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }
}
