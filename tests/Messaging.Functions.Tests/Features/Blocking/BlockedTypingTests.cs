using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Blocking;

/// <summary>Typing between a blocker and the user they block is not delivered, observed by real SignalR clients on the app's hub.</summary>
public class BlockedTypingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Typing_BlockedEitherWay_NotDelivered_UntilUnblocked()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string withCarol = await api.CreateConversationAsync("alice", "carol");
        await using HubListener<(string, string, bool)> alice = await ListenAsync(app, "alice");
        await using HubListener<(string, string, bool)> bob = await ListenAsync(app, "bob");

        // Not blocked: delivered (so the silence below is the block's doing, not a broken connection).
        await Type(api, id, "bob", true);
        Assert.Equal((id, "bob", true), await alice.NextAsync());

        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await Type(api, id, "bob", false);  // answers as usual, but alice is not told
        await Type(api, id, "alice", true); // and alice's typing does not reach bob either
        // A marker pushed after those: had bob's been sent, it would have arrived first.
        await Type(api, withCarol, "carol", true);
        Assert.Equal((withCarol, "carol", true), await alice.NextAsync());

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await Type(api, id, "bob", true);
        Assert.Equal((id, "bob", true), await alice.NextAsync());
        await Type(api, id, "alice", false);
        Assert.Equal((id, "alice", false), await bob.NextAsync()); // the first bob hears from alice: not her blocked "true"
    }

    [Fact]
    public async Task GroupTyping_NotDeliveredToWhoBlocksTheTyper_DeliveredToOthers()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob", "carol" } }))
            .Json.GetProperty("conversationId").GetString()!;
        await using HubListener<(string, string, bool)> alice = await ListenAsync(app, "alice");
        await using HubListener<(string, string, bool)> carol = await ListenAsync(app, "carol");
        await Type(api, group, "bob", true);
        Assert.Equal((group, "bob", true), await alice.NextAsync()); // delivered before any block
        Assert.Equal((group, "bob", true), await carol.NextAsync());

        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await Type(api, group, "bob", false);
        Assert.Equal((group, "bob", false), await carol.NextAsync()); // the group still hears bob
        await Type(api, group, "carol", true);
        Assert.Equal((group, "carol", true), await alice.NextAsync()); // the first alice hears is carol: bob's was not sent

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await Type(api, group, "bob", true);
        Assert.Equal((group, "bob", true), await alice.NextAsync());
    }

    private static Task<HubListener<(string, string, bool)>> ListenAsync(MessagingApp app, string user) =>
        HubListener<(string, string, bool)>.ConnectAsync(app, user, "typing", typing =>
            (typing.GetProperty("conversationId").GetString()!, typing.GetProperty("user").GetString()!, typing.GetProperty("isTyping").GetBoolean()));

    private static async Task Type(ApiClient api, string conversationId, string user, bool isTyping)
    {
        ApiResponse response = await api.PostAsync("typing", new { conversationId, user, isTyping });
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("{}", response.Text);
    }
}
