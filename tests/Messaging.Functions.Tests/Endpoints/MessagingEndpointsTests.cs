using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Endpoints;

/// <summary>The core HTTP contract, exercised over HTTP against a real Azurite.</summary>
public partial class MessagingEndpointsTests(AzuriteFixture azurite)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMilliseconds();

    private static void AssertProperties(JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    [Fact]
    public async Task CreateConversation_NewPair_ReturnsOnlyTheId()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse response = await api.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" });

        response.AssertStatus(HttpStatusCode.OK);
        AssertProperties(response.Json, "conversationId");
        Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("conversationId").GetString()));
    }

    [Fact]
    public async Task GetConversation_CreatedInReverseOrder_ParticipantsCanonicalized()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("bob", "alice");

        ApiResponse response = await api.PostAsync("_getConversation", new { conversationId = id });

        response.AssertStatus(HttpStatusCode.OK);
        JsonElement conversation = Assert.Single(response.Json.EnumerateArray());
        AssertProperties(conversation, "_id", "participant1", "participant2");
        Assert.Equal(id, conversation.GetProperty("_id").GetString());
        Assert.Equal("alice", conversation.GetProperty("participant1").GetString());
        Assert.Equal("bob", conversation.GetProperty("participant2").GetString());
    }

    [Fact]
    public async Task SendMessage_Participant_ReturnsTheMessage()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "Hello, Alice! ✨" });

        response.AssertStatus(HttpStatusCode.OK);
        AssertProperties(response.Json, "message");
        JsonElement message = response.Json.GetProperty("message");
        AssertProperties(message, "_id", "conversationId", "sender", "content", "sentAt");
        Assert.Equal(id, message.GetProperty("conversationId").GetString());
        Assert.Equal("bob", message.GetProperty("sender").GetString());
        Assert.Equal("Hello, Alice! ✨", message.GetProperty("content").GetString());
        Assert.Matches(IsoMilliseconds(), message.GetProperty("sentAt").GetString());
    }

    [Fact]
    public async Task GetMessagesInConversation_SeveralMessages_AllInSendOrder()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string other = await api.CreateConversationAsync("alice", "carol");
        var sent = new List<JsonElement>();
        for (int i = 0; i < 12; i++)
        {
            sent.Add(await api.SendAsync(id, i % 2 == 0 ? "alice" : "bob", $"message {i}"));
        }
        await api.SendAsync(other, "carol", "elsewhere");

        ApiResponse response = await api.PostAsync("_getMessagesInConversation", new { conversationId = id });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(sent.Select(m => m.GetRawText()), response.Json.EnumerateArray().Select(m => m.GetRawText()));
        string[] times = [.. response.Json.EnumerateArray().Select(m => m.GetProperty("sentAt").GetString()!)];
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    public async Task GetMessagesInConversation_NoMessages_EmptyArray()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostAsync("_getMessagesInConversation", new { conversationId = id });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, response.Json.ValueKind);
        Assert.Empty(response.Json.EnumerateArray());
    }

    [Fact]
    public async Task GetConversationsForUser_ReturnsExactlyTheUsersConversations()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string ab = await api.CreateConversationAsync("alice", "bob");
        string ca = await api.CreateConversationAsync("carol", "alice");
        await api.CreateConversationAsync("bob", "carol");

        ApiResponse alice = await api.PostAsync("_getConversationsForUser", new { user = "alice" });
        ApiResponse nobody = await api.PostAsync("_getConversationsForUser", new { user = "dave" });

        alice.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(new[] { ab, ca }.Order(StringComparer.Ordinal), alice.Json.EnumerateArray().Select(c => c.GetProperty("_id").GetString()).Order(StringComparer.Ordinal));
        JsonElement withCarol = alice.Json.EnumerateArray().Single(c => c.GetProperty("_id").GetString() == ca);
        AssertProperties(withCarol, "_id", "participant1", "participant2");
        Assert.Equal("alice", withCarol.GetProperty("participant1").GetString());
        Assert.Equal("carol", withCarol.GetProperty("participant2").GetString());
        nobody.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(nobody.Json.EnumerateArray());
    }

    [Fact]
    public async Task GetAllConversationsAndMessages_ReturnEverything()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string ab = await api.CreateConversationAsync("alice", "bob");
        string bc = await api.CreateConversationAsync("bob", "carol");
        JsonElement m1 = await api.SendAsync(ab, "alice", "one");
        JsonElement m2 = await api.SendAsync(bc, "carol", "two");
        JsonElement m3 = await api.SendAsync(ab, "bob", "three");

        ApiResponse conversations = await api.PostAsync("_getAllConversations");
        ApiResponse messages = await api.PostAsync("_getAllMessages");

        conversations.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(new[] { ab, bc }.Order(StringComparer.Ordinal), conversations.Json.EnumerateArray().Select(c => c.GetProperty("_id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(conversations.Json.EnumerateArray(), c => AssertProperties(c, "_id", "participant1", "participant2"));
        messages.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(
            new[] { m1, m2, m3 }.Select(m => m.GetRawText()).Order(StringComparer.Ordinal),
            messages.Json.EnumerateArray().Select(m => m.GetRawText()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetAll_EmptyStoreAndEmptyBody_EmptyArrays()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse conversations = await api.PostRawAsync("_getAllConversations", "");
        ApiResponse messages = await api.PostRawAsync("_getAllMessages", "{}");

        conversations.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(conversations.Json.EnumerateArray());
        messages.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(messages.Json.EnumerateArray());
    }

    [Fact]
    public async Task GetMessageDetails_SentMessage_ReturnsItInAnArray()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "first");
        JsonElement second = await api.SendAsync(id, "bob", "second");

        ApiResponse response = await api.PostAsync("_getMessageDetails", new { messageId = second.GetProperty("_id").GetString() });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(second.GetRawText(), Assert.Single(response.Json.EnumerateArray()).GetRawText());
    }

    [Fact]
    public async Task UserIdsWithCharactersTableKeysForbid_WorkEndToEnd()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        const string odd = "o'dd/us\\er#1?%~_\u0001\t用户😀";
        const string other = "other/user";
        string id = await api.CreateConversationAsync(odd, other);

        JsonElement message = await api.SendAsync(id, odd, "hi");
        ApiResponse mine = await api.PostAsync("_getConversationsForUser", new { user = odd });
        ApiResponse conversation = await api.PostAsync("_getConversation", new { conversationId = id });

        Assert.Equal(odd, message.GetProperty("sender").GetString());
        Assert.Equal(id, Assert.Single(mine.Json.EnumerateArray()).GetProperty("_id").GetString());
        JsonElement c = Assert.Single(conversation.Json.EnumerateArray());
        Assert.Equal(new[] { odd, other }.Order(StringComparer.Ordinal), [c.GetProperty("participant1").GetString(), c.GetProperty("participant2").GetString()]);
        ApiResponse again = await api.PostAsync("createConversation", new { user1 = other, user2 = odd });
        again.AssertError(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SendMessage_LongContent_AcceptedUpToTheLimit()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string longest = string.Concat(Enumerable.Repeat("\"ü😀\\ ", Core.MessagingLimits.MaxContentLength / 6));

        JsonElement message = await api.SendAsync(id, "alice", longest);
        ApiResponse details = await api.PostAsync("_getMessageDetails", new { messageId = message.GetProperty("_id").GetString() });

        Assert.True(longest.Length >= 8000);
        Assert.Equal(longest, Assert.Single(details.Json.EnumerateArray()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AnswerInTheErrorShape()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse unknown = await api.PostAsync("noSuchAction");
        ApiResponse get = await ApiResponse.ReadAsync(await api.Http.GetAsync("/api/Messaging/sendMessage", TestContext.Current.CancellationToken));

        unknown.AssertError(HttpStatusCode.NotFound);
        get.AssertError(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Health_StorageReachable_Ok()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse health = await ApiResponse.ReadAsync(await api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken));

        health.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("healthy", health.Json.GetProperty("status").GetString());
    }
}
