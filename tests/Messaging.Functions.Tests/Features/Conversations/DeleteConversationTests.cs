using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Conversations;

/// <summary>deleteConversation over HTTP against a real Azurite.</summary>
public class DeleteConversationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Direct_EitherParticipantDeletes_GoneForBoth_RowsPurged_PairCanStartAgain()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hi");

        ApiResponse deleted = await api.PostAsync("deleteConversation", new { conversationId = id, actor = "bob" });

        deleted.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("{}", deleted.Text);
        (await api.PostAsync("_getConversation", new { conversationId = id })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "x" })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("markRead", new { conversationId = id, user = "bob" })).AssertError(HttpStatusCode.NotFound);
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Json.EnumerateArray());
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Json.EnumerateArray());
        Assert.Empty((await api.PostAsync("_getAllMessages")).Json.EnumerateArray());
        Assert.Empty((await api.PostAsync("_getDirectConversation", new { user = "alice", other = "bob" })).Json.EnumerateArray());

        string again = await api.CreateConversationAsync("bob", "alice");
        Assert.NotEqual(id, again);
        Assert.Empty((await api.PostAsync("_getMessagesInConversation", new { conversationId = again })).Json.EnumerateArray());
        Assert.Equal(again, (await api.PostAsync("_getDirectConversation", new { user = "alice", other = "bob" })).Json[0].GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Group_AdminDeletes_MemberAndOutsiderRefused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob" } })).Json.GetProperty("conversationId").GetString()!;

        ApiResponse byMember = await api.PostAsync("deleteConversation", new { conversationId = id, actor = "bob" });
        ApiResponse byOutsider = await api.PostAsync("deleteConversation", new { conversationId = id, actor = "mallory" });
        byMember.AssertError(HttpStatusCode.Forbidden);
        byOutsider.AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("_getConversation", new { conversationId = id })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("deleteConversation", new { conversationId = id, actor = "alice" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("_getConversation", new { conversationId = id })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("deleteConversation", new { conversationId = id, actor = "alice" })).AssertError(HttpStatusCode.NotFound);
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Json.EnumerateArray());
    }

    [Fact]
    public async Task WithTokens_DeletingAsSomeoneElse_Refused()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        string id = await alice.CreateConversationAsync("alice", "bob");

        (await bob.PostAsync("deleteConversation", new { conversationId = id, actor = "alice" })).AssertError(HttpStatusCode.Forbidden);
        (await alice.PostAsync("_getConversation", new { conversationId = id })).AssertStatus(HttpStatusCode.OK);
        (await bob.PostAsync("deleteConversation", new { conversationId = id })).AssertStatus(HttpStatusCode.OK);
        (await alice.PostAsync("_getConversation", new { conversationId = id })).AssertError(HttpStatusCode.NotFound);
    }
}
