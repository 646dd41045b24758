using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Conversations;

/// <summary>createConversation and the conversation queries over HTTP against a real Azurite.</summary>
public class ConversationsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateConversation_NewPair_ReturnsOnlyTheId()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse response = await api.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" });

        response.AssertStatus(HttpStatusCode.OK);
        JsonShape.AssertProperties(response.Json, "conversationId");
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
        JsonShape.AssertProperties(conversation, "_id", "kind", "participants", "createdBy", "createdAt", "participant1", "participant2", "messageCount");
        Assert.Equal(id, conversation.GetProperty("_id").GetString());
        Assert.Equal("alice", conversation.GetProperty("participant1").GetString());
        Assert.Equal("bob", conversation.GetProperty("participant2").GetString());
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
        JsonShape.AssertProperties(withCarol, "_id", "kind", "participants", "createdBy", "createdAt", "participant1", "participant2", "messageCount", "unreadCount", "settings");
        Assert.Equal("alice", withCarol.GetProperty("participant1").GetString());
        Assert.Equal("carol", withCarol.GetProperty("participant2").GetString());
        nobody.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(nobody.Json.EnumerateArray());
    }

    [Fact]
    public async Task CreateConversation_ListedForBothParticipantsBeforeAnyFanOut()
    {
        // No fan-out at all: whatever lists the conversation was written by the request itself.
        await using var app = new MessagingApp(azurite, configureServices: services => services.UsePublisher(new DroppingPublisher()));
        using var api = new ApiClient(app.CreateClient());

        string id = await api.CreateConversationAsync("alice", "bob");
        ApiResponse alice = await api.PostAsync("_getConversationsForUser", new { user = "alice" });
        ApiResponse bob = await api.PostAsync("_getConversationsForUser", new { user = "bob" });

        Assert.Equal(id, Assert.Single(alice.Json.EnumerateArray()).GetProperty("_id").GetString());
        Assert.Equal(id, Assert.Single(bob.Json.EnumerateArray()).GetProperty("_id").GetString());
    }
}
