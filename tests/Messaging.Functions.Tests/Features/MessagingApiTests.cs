using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features;

/// <summary>The contract across features: the _getAll queries, awkward user ids end to end, unknown routes.</summary>
public class MessagingApiTests(AzuriteFixture azurite)
{
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
        Assert.All(conversations.Json.EnumerateArray(), c => JsonShape.AssertProperties(c, "_id", "kind", "participants", "createdBy", "createdAt", "participant1", "participant2", "lastMessage", "messageCount", "lastMessageAt"));
        messages.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(
            new[] { m1, m2, m3 }.Select(JsonShape.Shared).Order(StringComparer.Ordinal),
            messages.Json.EnumerateArray().Select(JsonShape.Shared).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetAll_EmptyStoreAndEmptyObject_EmptyArraysButEmptyBodyRefused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse conversations = await api.PostRawAsync("_getAllConversations", "{}");
        ApiResponse messages = await api.PostRawAsync("_getAllMessages", " {} ");
        ApiResponse noBody = await api.PostRawAsync("_getAllConversations", "");

        conversations.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(conversations.Json.EnumerateArray());
        messages.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(messages.Json.EnumerateArray());
        Assert.Equal("The request body is empty; it must be a JSON object, such as {}.", noBody.AssertError(HttpStatusCode.BadRequest));
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
    public async Task UnknownRouteAndWrongMethod_AnswerInTheErrorShape()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse unknown = await api.PostAsync("noSuchAction");
        ApiResponse get = await ApiResponse.ReadAsync(await api.Http.GetAsync("/api/Messaging/sendMessage", TestContext.Current.CancellationToken));

        unknown.AssertError(HttpStatusCode.NotFound);
        get.AssertError(HttpStatusCode.MethodNotAllowed);
    }
}
