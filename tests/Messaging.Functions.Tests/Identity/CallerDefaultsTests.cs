using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Identity;

/// <summary>With a token, every body identity the README lists may be left out and is then the caller.</summary>
public class CallerDefaultsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("{\"user2\":\"bob\"}")]
    [InlineData("{\"user1\":\"bob\"}")]
    public async Task CreateConversation_OneUserLeftOut_IsTheCaller(string body)
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var alice = new ApiClient(app.CreateClient().As(Tokens.For("alice")));

        ApiResponse created = await alice.PostRawAsync("createConversation", body);
        created.AssertStatus(HttpStatusCode.OK);
        ApiResponse conversation = await alice.PostAsync("_getConversation", new { conversationId = created.Json.GetProperty("conversationId").GetString() });

        JsonElement only = Assert.Single(conversation.Json.EnumerateArray());
        Assert.Equal(("alice", "bob"), (only.GetProperty("participant1").GetString(), only.GetProperty("participant2").GetString()));
    }

    [Theory]
    [InlineData("{}", "user2 is required.")]
    [InlineData("{\"user2\":\"alice\"}", "user1 and user2 must be different users.")]
    public async Task CreateConversation_NoOtherUser_BadRequest(string body, string expected)
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var alice = new ApiClient(app.CreateClient().As(Tokens.For("alice")));

        ApiResponse response = await alice.PostRawAsync("createConversation", body);

        Assert.Equal(expected, response.AssertError(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task CreateConversation_UserLeftOutWithoutAuthentication_BadRequest()
    {
        await using var app = new MessagingApp(azurite); // Auth:Mode=None: there is no caller to default to
        using ApiClient api = app.Api();

        ApiResponse response = await api.PostRawAsync("createConversation", "{\"user2\":\"bob\"}");

        Assert.Equal("user1 is required.", response.AssertError(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task EveryOtherIdentity_LeftOut_IsTheCaller()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        // Clients that wait for the fan-out: the unread count below follows the send within milliseconds, not within it.
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        string id = await alice.CreateConversationAsync("alice", "bob");

        ApiResponse sent = await alice.PostAsync("sendMessage", new { conversationId = id, content = "no sender" });
        ApiResponse unread = await bob.PostAsync("_getUnreadCounts", new { });
        ApiResponse read = await bob.PostAsync("markRead", new { conversationId = id });
        ApiResponse receipts = await alice.PostAsync("_getReadReceipts", new { conversationId = id });
        ApiResponse typing = await bob.PostAsync("typing", new { conversationId = id, isTyping = true });
        ApiResponse bobs = await bob.PostAsync("_getConversationsForUser", new { });

        Assert.Equal("alice", sent.Json.GetProperty("message").GetProperty("sender").GetString());
        Assert.Equal(1, Assert.Single(unread.Json.EnumerateArray()).GetProperty("unreadCount").GetInt32());
        Assert.Equal(0, read.Json.GetProperty("unreadCount").GetInt32());
        JsonElement bobsReceipt = Assert.Single(receipts.Json.EnumerateArray(), r => r.GetProperty("user").GetString() == "bob");
        Assert.Equal(sent.Json.GetProperty("message").GetProperty("_id").GetString(), bobsReceipt.GetProperty("readUpTo").GetString());
        typing.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(bobs.Json.EnumerateArray()).GetProperty("_id").GetString());
    }
}
