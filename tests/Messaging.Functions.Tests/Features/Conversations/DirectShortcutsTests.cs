using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Conversations;

/// <summary>sendDirectMessage and _getDirectConversation over HTTP against a real Azurite.</summary>
public class DirectShortcutsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendDirectMessage_FirstUseCreatesTheConversation_LaterUsesIt()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse first = await api.PostAsync("sendDirectMessage", new { sender = "alice", to = "bob", content = "hi bob" });
        ApiResponse reply = await api.PostAsync("sendDirectMessage", new { sender = "bob", to = "alice", content = "hi alice" });

        first.AssertStatus(HttpStatusCode.OK);
        reply.AssertStatus(HttpStatusCode.OK);
        JsonElement message = first.Json.GetProperty("message");
        string id = message.GetProperty("conversationId").GetString()!;
        Assert.Equal(id, reply.Json.GetProperty("message").GetProperty("conversationId").GetString());
        JsonElement direct = Assert.Single((await api.PostAsync("_getDirectConversation", new { user = "bob", other = "alice" })).Json.EnumerateArray());
        Assert.Equal(id, direct.GetProperty("_id").GetString());
        Assert.Equal("direct", direct.GetProperty("kind").GetString());
        Assert.Equal(2, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
        Assert.Empty((await api.PostAsync("_getDirectConversation", new { user = "alice", other = "carol" })).Json.EnumerateArray());
        // An existing conversation (made with createConversation) is used too.
        string made = await api.CreateConversationAsync("carol", "dave");
        Assert.Equal(made, (await api.PostAsync("sendDirectMessage", new { sender = "dave", to = "carol", content = "x" })).Json.GetProperty("message").GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task BothFirstMessagesAtOnce_OneConversation_BothMessagesInIt()
    {
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, tableName: first.TableName);
        using ApiClient api1 = first.Api();
        using ApiClient api2 = second.Api();

        for (int round = 0; round < 5; round++)
        {
            string a = $"a{round}", b = $"b{round}";
            ApiResponse[] results = await Task.WhenAll(
                api1.PostAsync("sendDirectMessage", new { sender = a, to = b, content = "from a" }),
                api2.PostAsync("sendDirectMessage", new { sender = b, to = a, content = "from b" }));

            Assert.All(results, r => r.AssertStatus(HttpStatusCode.OK));
            string[] ids = [.. results.Select(r => r.Json.GetProperty("message").GetProperty("conversationId").GetString()!).Distinct()];
            string id = Assert.Single(ids);
            Assert.Equal(2, (await api1.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
        }
        Assert.Equal(5, (await api1.PostAsync("_getAllConversations")).Json.GetArrayLength());
    }

    [Theory]
    [InlineData("{\"sender\":\"alice\",\"content\":\"x\"}")]
    [InlineData("{\"sender\":\"alice\",\"to\":\"\",\"content\":\"x\"}")]
    [InlineData("{\"sender\":\"alice\",\"to\":\"alice\",\"content\":\"x\"}")]
    [InlineData("{\"sender\":\"alice\",\"to\":\"bob\",\"content\":\"  \"}")]
    [InlineData("{\"sender\":\"alice\",\"to\":\"bob\"}")]
    [InlineData("{\"sender\":\"alice\",\"to\":\"bob\",\"content\":\"x\",\"clientMessageId\":\"\"}")]
    public async Task SendDirectMessage_BadInput_400AndNoConversationCreated(string body)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse response = await api.PostRawAsync("sendDirectMessage", body);

        response.AssertError(HttpStatusCode.BadRequest);
        Assert.Empty((await api.PostAsync("_getAllConversations")).Json.EnumerateArray());
    }

    [Fact]
    public async Task WithTokens_SenderAndUserAreTheCaller()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));

        (await bob.PostAsync("sendDirectMessage", new { sender = "alice", to = "carol", content = "spoof" })).AssertError(HttpStatusCode.Forbidden);
        (await alice.PostAsync("sendDirectMessage", new { to = "carol", content = "hi" })).AssertStatus(HttpStatusCode.OK);
        (await bob.PostAsync("_getDirectConversation", new { user = "alice", other = "carol" })).AssertError(HttpStatusCode.Forbidden);
        Assert.Single((await alice.PostAsync("_getDirectConversation", new { other = "carol" })).Json.EnumerateArray());
        Assert.Empty((await bob.PostAsync("_getDirectConversation", new { other = "carol" })).Json.EnumerateArray());
    }
}
