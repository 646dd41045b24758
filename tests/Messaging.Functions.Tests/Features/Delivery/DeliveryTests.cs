using System.Net;
using System.Text.Json;
using Messaging.Core.Delivery;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Delivery;

/// <summary>markDelivered and the status of a sender's messages over HTTP against a real Azurite.</summary>
public class DeliveryTests(AzuriteFixture azurite)
{
    private static async Task<string> CreateGroupAsync(ApiClient api, string creator, params string[] members)
    {
        ApiResponse response = await api.PostAsync("createGroupConversation", new { creator, title = "T", members });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.GetProperty("conversationId").GetString()!;
    }

    private static async Task<string> SendIdAsync(ApiClient api, string conversationId, string sender, string content) =>
        (await api.SendAsync(conversationId, sender, content)).GetProperty("_id").GetString()!;

    /// <summary>The messages as <paramref name="user"/> sees them (null: nobody in particular), by id.</summary>
    private static async Task<Dictionary<string, JsonElement>> ViewAsync(ApiClient api, string conversationId, string? user)
    {
        ApiResponse response = await api.PostAsync("_getMessagesInConversation", user is null ? new { conversationId } : (object)new { conversationId, user });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.EnumerateArray().ToDictionary(m => m.GetProperty("_id").GetString()!, m => m.Clone());
    }

    private static string? Status(JsonElement message) => message.TryGetProperty("status", out JsonElement status) ? status.GetString() : null;

    private static (string? Status, int? Delivered, int? Read) Counts(JsonElement message) => (
        Status(message),
        message.TryGetProperty("deliveredCount", out JsonElement delivered) ? delivered.GetInt32() : null,
        message.TryGetProperty("readCount", out JsonElement read) ? read.GetInt32() : null);

    private static async Task<ApiResponse> MarkDeliveredAsync(ApiClient api, string conversationId, string user, string? messageId = null)
    {
        ApiResponse response = await api.PostAsync("markDelivered", messageId is null ? new { conversationId, user } : (object)new { conversationId, user, messageId });
        response.AssertStatus(HttpStatusCode.OK);
        return response;
    }

    [Fact]
    public async Task Direct_SentThenDeliveredThenRead_ForTheSender()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        JsonElement sent = await api.SendAsync(id, "alice", "hi");
        string message = sent.GetProperty("_id").GetString()!;
        string? before = Status((await ViewAsync(api, id, "alice"))[message]);
        ApiResponse delivered = await MarkDeliveredAsync(api, id, "bob");
        string? afterDelivery = Status((await ViewAsync(api, id, "alice"))[message]);
        await api.PostAsync("markRead", new { conversationId = id, user = "bob" });
        JsonElement afterRead = (await ViewAsync(api, id, "alice"))[message];

        Assert.Equal((null, null), (Counts(sent).Delivered, Counts(sent).Read)); // a direct conversation has no counts
        Assert.Equal("sent", Status(sent));
        Assert.Equal("sent", before);
        Assert.Equal($$"""{"deliveredUpTo":"{{message}}"}""", delivered.Text);
        Assert.Equal("delivered", afterDelivery);
        Assert.Equal(("read", (int?)null, (int?)null), Counts(afterRead));
        ApiResponse details = await api.PostAsync("_getMessageDetails", new { messageId = message, user = "alice" });
        Assert.Equal("read", Status(Assert.Single(details.Json.EnumerateArray())));
    }

    [Fact]
    public async Task Status_OnlyOnTheViewersOwnMessages_EveryMessageWithoutViewer()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string fromAlice = await SendIdAsync(api, id, "alice", "hi");
        string fromBob = await SendIdAsync(api, id, "bob", "hello");

        Dictionary<string, JsonElement> alice = await ViewAsync(api, id, "alice");
        Dictionary<string, JsonElement> bob = await ViewAsync(api, id, "bob");
        Dictionary<string, JsonElement> nobody = await ViewAsync(api, id, null);
        JsonElement bobsDetails = Assert.Single((await api.PostAsync("_getMessageDetails", new { messageId = fromAlice, user = "bob" })).Json.EnumerateArray());

        // bob's reply moved his read cursor past alice's message: sending implies reading.
        Assert.Equal(("read", (string?)null), (Status(alice[fromAlice]), Status(alice[fromBob])));
        Assert.Equal(((string?)null, "sent"), (Status(bob[fromAlice]), Status(bob[fromBob])));
        Assert.Equal(("read", "sent"), (Status(nobody[fromAlice]), Status(nobody[fromBob])));
        Assert.Null(Status(bobsDetails));
    }

    [Fact]
    public async Task Group_CountsTheOthersWhoCanSeeIt_LateJoinerNotCounted()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "bob", "carol");
        string first = await SendIdAsync(api, id, "alice", "before dave");
        (await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "dave" } })).AssertStatus(HttpStatusCode.OK);
        string second = await SendIdAsync(api, id, "alice", "with dave");

        Dictionary<string, JsonElement> sent = await ViewAsync(api, id, "alice");
        await MarkDeliveredAsync(api, id, "bob");
        await api.PostAsync("markRead", new { conversationId = id, user = "carol" });
        Dictionary<string, JsonElement> some = await ViewAsync(api, id, "alice");
        await api.PostAsync("markRead", new { conversationId = id, user = "dave" });
        Dictionary<string, JsonElement> more = await ViewAsync(api, id, "alice");
        await api.PostAsync("markRead", new { conversationId = id, user = "bob" });
        Dictionary<string, JsonElement> all = await ViewAsync(api, id, "alice");

        Assert.Equal(("sent", 0, 0), Counts(sent[first]));
        Assert.Equal(("sent", 0, 0), Counts(sent[second]));
        Assert.Equal(("delivered", 2, 1), Counts(some[first]));   // bob delivered, carol read; dave is not counted
        Assert.Equal(("sent", 2, 1), Counts(some[second]));       // dave has not got it
        Assert.Equal(("delivered", 2, 1), Counts(more[first]));   // dave reading does not count for a message before him
        Assert.Equal(("delivered", 3, 2), Counts(more[second]));
        Assert.Equal(("read", 2, 2), Counts(all[first]));
        Assert.Equal(("read", 3, 3), Counts(all[second]));
        Assert.All(all.Values.Where(m => m.GetProperty("type").GetString() == "system"), m => Assert.Null(Status(m)));
    }

    [Fact]
    public async Task SendMessage_AnswersSent_InAGroupWithNoneDeliveredOrRead()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = await CreateGroupAsync(api, "alice", "bob");
        string direct = await api.CreateConversationAsync("alice", "bob");

        JsonElement toGroup = await api.SendAsync(group, "alice", "hi all");
        JsonElement toBob = await api.SendAsync(direct, "alice", "hi bob");

        Assert.Equal(("sent", 0, 0), Counts(toGroup));
        Assert.Equal(("sent", (int?)null, (int?)null), Counts(toBob));
    }

    [Fact]
    public async Task MarkDelivered_ForwardOnly_ReadImpliesDelivered_NoOpsPublishNothing()
    {
        var events = new DroppingPublisher();
        await using var app = new MessagingApp(azurite, configureServices: services => services.UsePublisher(events));
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string[] messages = [await SendIdAsync(api, id, "alice", "1"), await SendIdAsync(api, id, "alice", "2"), await SendIdAsync(api, id, "alice", "3")];
        int published = events.Dropped.Count;

        ApiResponse second = await MarkDeliveredAsync(api, id, "bob", messages[1]);
        ApiResponse back = await MarkDeliveredAsync(api, id, "bob", messages[0]);
        await api.PostAsync("markRead", new { conversationId = id, user = "bob" });
        ApiResponse afterRead = await MarkDeliveredAsync(api, id, "bob");
        ApiResponse own = await MarkDeliveredAsync(api, id, "alice"); // a sender has read, so has, their own messages

        Assert.Equal($$"""{"deliveredUpTo":"{{messages[1]}}"}""", second.Text);
        Assert.Equal(second.Text, back.Text);
        Assert.Equal($$"""{"deliveredUpTo":"{{messages[2]}}"}""", afterRead.Text);
        Assert.Equal(afterRead.Text, own.Text);
        MessageDelivered[] delivered = [.. events.Dropped.Skip(published).OfType<MessageDelivered>()];
        Assert.Equal(("bob", 2L), (Assert.Single(delivered).User, delivered[0].DeliveredSeq));
        Assert.Equal("read", Status((await ViewAsync(api, id, "alice"))[messages[2]]));
    }

    [Fact]
    public async Task MarkDelivered_NothingYet_NullAndNoEvent()
    {
        var events = new DroppingPublisher();
        await using var app = new MessagingApp(azurite, configureServices: services => services.UsePublisher(events));
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        int published = events.Dropped.Count;

        ApiResponse response = await MarkDeliveredAsync(api, id, "bob");

        Assert.Equal("""{"deliveredUpTo":null}""", response.Text);
        Assert.Equal(published, events.Dropped.Count);
    }

    [Theory]
    [InlineData("{\"conversationId\":\"{conv}\",\"user\":\"mallory\"}", 403)]
    [InlineData("{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"messageId\":\"{conv}-99\"}", 404)]
    [InlineData("{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"messageId\":\"{other}-1\"}", 404)]
    [InlineData("{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"messageId\":\"nope\"}", 404)]
    [InlineData("{\"conversationId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70\",\"user\":\"bob\"}", 404)]
    [InlineData("{\"conversationId\":\"{conv}\",\"user\":5}", 400)]
    [InlineData("{\"conversationId\":\"{conv}\"}", 400)]
    [InlineData("{\"user\":\"bob\"}", 400)]
    public async Task MarkDelivered_BadRequest_ClientErrorAndNothingChanges(string body, int expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string other = await api.CreateConversationAsync("bob", "carol");
        await api.SendAsync(id, "alice", "hi");
        await api.SendAsync(other, "carol", "hi");
        string before = (await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "alice" })).Text;

        ApiResponse response = await api.PostRawAsync("markDelivered", body.Replace("{conv}", id, StringComparison.Ordinal).Replace("{other}", other, StringComparison.Ordinal));

        response.AssertError((HttpStatusCode)expected);
        Assert.Equal(before, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "alice" })).Text);
    }

    [Fact]
    public async Task MessageDelivered_ReachesTheOtherParticipantsClient()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string message = await SendIdAsync(api, id, "alice", "hi");
        await using HubListener<JsonElement> alice = await HubListener<JsonElement>.ConnectAsync(app, "alice", "messageDelivered", e => e.Clone());
        await using HubListener<JsonElement> bob = await HubListener<JsonElement>.ConnectAsync(app, "bob", "messageDelivered", e => e.Clone());

        await MarkDeliveredAsync(api, id, "bob");
        JsonElement received = await alice.NextAsync();
        await MarkDeliveredAsync(api, id, "alice"); // no-op: alice sent it; nothing for bob
        string second = await SendIdAsync(api, id, "bob", "marker");
        await MarkDeliveredAsync(api, id, "alice");

        JsonShape.AssertProperties(received, "conversationId", "user", "deliveredUpTo", "deliveredAt");
        Assert.Equal((id, "bob", message), (received.GetProperty("conversationId").GetString(), received.GetProperty("user").GetString(), received.GetProperty("deliveredUpTo").GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", received.GetProperty("deliveredAt").GetString());
        Assert.Equal(second, (await bob.NextAsync()).GetProperty("deliveredUpTo").GetString()); // the first bob hears is the marker's
    }
}
