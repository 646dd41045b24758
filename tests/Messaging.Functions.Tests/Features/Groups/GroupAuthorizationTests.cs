using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Groups;

/// <summary>Group actions with authentication on: the acting user is the caller, allowed and denied.</summary>
public class GroupAuthorizationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ActingUserIsTheCaller_BodyIdentityOfSomeoneElseRefused()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));

        ApiResponse spoofedCreate = await bob.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob" } });
        ApiResponse created = await alice.PostAsync("createGroupConversation", new { title = "T", members = new[] { "bob" } });
        string id = created.Json.GetProperty("conversationId").GetString()!;
        ApiResponse spoofedAdd = await bob.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } });
        ApiResponse memberAdd = await bob.PostAsync("addMembers", new { conversationId = id, members = new[] { "carol" } });
        ApiResponse adminAdd = await alice.PostAsync("addMembers", new { conversationId = id, members = new[] { "carol" } });
        ApiResponse spoofedLeave = await bob.PostAsync("leaveConversation", new { conversationId = id, user = "alice" });

        spoofedCreate.AssertError(HttpStatusCode.Forbidden);
        created.AssertStatus(HttpStatusCode.OK);
        spoofedAdd.AssertError(HttpStatusCode.Forbidden);
        memberAdd.AssertError(HttpStatusCode.Forbidden);
        adminAdd.AssertStatus(HttpStatusCode.OK);
        spoofedLeave.AssertError(HttpStatusCode.Forbidden);
        Assert.Equal(["alice", "bob", "carol"], adminAdd.Json.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task LateJoiner_HistoryAndDetailsStartAtTheirJoin_RemovedMemberLosesAccess()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient carol = app.Api(app.CreateClient().As(Tokens.For("carol")));
        string id = (await alice.PostAsync("createGroupConversation", new { title = "T", members = new[] { "bob" } })).Json.GetProperty("conversationId").GetString()!;
        string early = (await alice.SendAsync(id, "alice", "before carol")).GetProperty("_id").GetString()!;
        await alice.PostAsync("addMembers", new { conversationId = id, members = new[] { "carol" } });

        ApiResponse history = await carol.PostAsync("_getMessagesInConversation", new { conversationId = id });
        ApiResponse earlyDetails = await carol.PostAsync("_getMessageDetails", new { messageId = early });
        ApiResponse aliceHistory = await alice.PostAsync("_getMessagesInConversation", new { conversationId = id });

        history.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["membersAdded"], history.Json.EnumerateArray().Select(m => m.GetProperty("event").GetString()));
        earlyDetails.AssertError(HttpStatusCode.NotFound);
        Assert.Equal(2, aliceHistory.Json.GetArrayLength());

        await alice.PostAsync("removeMembers", new { conversationId = id, members = new[] { "carol" } });
        (await carol.PostAsync("_getMessagesInConversation", new { conversationId = id })).AssertError(HttpStatusCode.Forbidden);
        (await carol.PostAsync("_getConversation", new { conversationId = id })).AssertError(HttpStatusCode.Forbidden);
        (await carol.PostAsync("sendMessage", new { conversationId = id, content = "hello?" })).AssertError(HttpStatusCode.Forbidden);
    }
}
