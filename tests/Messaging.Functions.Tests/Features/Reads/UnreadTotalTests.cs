using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Reads;

/// <summary>_getUnreadTotal: one badge over all of a user's conversations, from their inbox alone.</summary>
public class UnreadTotalTests(AzuriteFixture azurite)
{
    private static async Task<string> TotalAsync(ApiClient api, object body)
    {
        ApiResponse response = await api.PostAsync("_getUnreadTotal", body);
        response.AssertStatus(HttpStatusCode.OK);
        return response.Text;
    }

    [Fact]
    public async Task Total_SumsUnreadOverConversations_MutedCountedUnlessExcluded()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        Assert.Equal("""[{"unreadCount":0,"conversations":0}]""", await TotalAsync(api, new { user = "bob" }));
        string withAlice = await api.CreateConversationAsync("alice", "bob");
        string withCarol = await api.CreateConversationAsync("carol", "bob");
        string read = await api.CreateConversationAsync("dave", "bob");
        for (int i = 0; i < 2; i++)
        {
            await api.SendAsync(withAlice, "alice", $"a{i}");
        }
        for (int i = 0; i < 3; i++)
        {
            await api.SendAsync(withCarol, "carol", $"c{i}");
        }
        await api.SendAsync(read, "dave", "d");
        await api.SendAsync(read, "bob", "answered"); // his own message reads what came before
        (await api.PostAsync("updateConversationSettings", new { conversationId = withCarol, user = "bob", muted = true })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("""[{"unreadCount":5,"conversations":2}]""", await TotalAsync(api, new { user = "bob" }));
        Assert.Equal("""[{"unreadCount":5,"conversations":2}]""", await TotalAsync(api, new { user = "bob", excludeMuted = false }));
        Assert.Equal("""[{"unreadCount":2,"conversations":1}]""", await TotalAsync(api, new { user = "bob", excludeMuted = true }));

        (await api.PostAsync("markRead", new { conversationId = withAlice, user = "bob" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("""[{"unreadCount":3,"conversations":1}]""", await TotalAsync(api, new { user = "bob" }));
        Assert.Equal("""[{"unreadCount":0,"conversations":0}]""", await TotalAsync(api, new { user = "bob", excludeMuted = true }));
    }

    [Fact]
    public async Task Total_BadInput_ClientError()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        (await api.PostRawAsync("_getUnreadTotal", """{"user":"bob","excludeMuted":"yes"}""")).AssertError(HttpStatusCode.BadRequest);
        (await api.PostRawAsync("_getUnreadTotal", """{"user":""}""")).AssertError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Total_IsOneQueryOfTheUsersOwnRows()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        string id = await counting.Api.CreateConversationAsync("alice", "bob");
        await counting.Api.SendAsync(id, "alice", "hi");

        Assert.Equal(1, await counting.CountAsync(() => counting.Api.PostAsync("_getUnreadTotal", new { user = "bob" })));
    }

    [Fact]
    public async Task Total_WithTokens_OnlyTheCallersOwn()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));

        (await bob.PostAsync("_getUnreadTotal", new { })).AssertStatus(HttpStatusCode.OK);
        (await bob.PostAsync("_getUnreadTotal", new { user = "bob" })).AssertStatus(HttpStatusCode.OK);
        (await bob.PostAsync("_getUnreadTotal", new { user = "alice" })).AssertError(HttpStatusCode.Forbidden);
    }
}
