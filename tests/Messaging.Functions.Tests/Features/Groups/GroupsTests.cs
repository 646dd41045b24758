using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Groups;

/// <summary>Group conversations over HTTP against a real Azurite: creation, membership, roles, title, leaving.</summary>
public class GroupsTests(AzuriteFixture azurite)
{
    private static async Task<string> CreateGroupAsync(ApiClient api, string creator, string title, params string[] members)
    {
        ApiResponse response = await api.PostAsync("createGroupConversation", new { creator, title, members });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.GetProperty("conversationId").GetString()!;
    }

    private static string[] Ids(ApiResponse response, string property = "_id") =>
        [.. response.Json.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    [Fact]
    public async Task CreateGroup_ConversationObjectEverywhere()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse created = await api.PostAsync("createGroupConversation", new { creator = "carol", title = "Trip", members = new[] { "bob", "alice", "bob" }, category = "support" });
        created.AssertStatus(HttpStatusCode.OK);
        string id = created.Json.GetProperty("conversationId").GetString()!;
        await api.SendAsync(id, "bob", "hello all");

        JsonElement conversation = Assert.Single((await api.PostAsync("_getConversation", new { conversationId = id })).Json.EnumerateArray());
        JsonShape.AssertProperties(conversation, "_id", "kind", "participants", "createdBy", "createdAt", "title", "category", "lastMessage", "messageCount", "lastMessageAt");
        Assert.Equal("group", conversation.GetProperty("kind").GetString());
        Assert.Equal(["alice", "bob", "carol"], conversation.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("carol", conversation.GetProperty("createdBy").GetString());
        Assert.Equal("Trip", conversation.GetProperty("title").GetString());
        Assert.Equal("support", conversation.GetProperty("category").GetString());
        JsonElement last = conversation.GetProperty("lastMessage");
        Assert.Equal("bob", last.GetProperty("sender").GetString());
        Assert.Equal("hello all", last.GetProperty("preview").GetString());

        JsonElement listed = Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Json.EnumerateArray());
        Assert.Equal(id, listed.GetProperty("_id").GetString());
        Assert.Equal("Trip", listed.GetProperty("title").GetString());
        Assert.Equal(["alice", "bob", "carol"], listed.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(1, listed.GetProperty("unreadCount").GetInt64());
        Assert.Equal("hello all", listed.GetProperty("lastMessage").GetProperty("preview").GetString());

        ApiResponse members = await api.PostAsync("_getMembers", new { conversationId = id });
        Assert.Equal(["carol", "bob", "alice"], Ids(members, "user"));
        Assert.Equal(["admin", "member", "member"], members.Json.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task DirectConversation_KeepsItsFieldsAndGainsTheBaseShape()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("bob", "alice");

        JsonElement conversation = Assert.Single((await api.PostAsync("_getConversation", new { conversationId = id })).Json.EnumerateArray());

        JsonShape.AssertProperties(conversation, "_id", "kind", "participants", "createdBy", "createdAt", "participant1", "participant2", "messageCount");
        Assert.Equal("direct", conversation.GetProperty("kind").GetString());
        Assert.Equal("alice", conversation.GetProperty("participant1").GetString());
        Assert.Equal("bob", conversation.GetProperty("participant2").GetString());
    }

    [Theory]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":[\"alice\"]}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":[]}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\"}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"\",\"members\":[\"bob\"]}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"a\\nb\",\"members\":[\"bob\"]}")]
    [InlineData("{\"creator\":\"alice\",\"members\":[\"bob\"]}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":[\"bob\"],\"category\":\"Support\"}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":[\"bob\"],\"category\":\"\"}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":[\"\"]}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":[null]}")]
    [InlineData("{\"creator\":\"alice\",\"title\":\"T\",\"members\":\"bob\"}")]
    public async Task CreateGroup_BadInput_400AndNothingCreated(string body)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse response = await api.PostRawAsync("createGroupConversation", body);

        response.AssertError(HttpStatusCode.BadRequest);
        Assert.Empty((await api.PostAsync("_getAllConversations")).Json.EnumerateArray());
    }

    [Fact]
    public async Task CreateGroup_TitleLimitAndMemberLimit()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse longest = await api.PostAsync("createGroupConversation", new { creator = "a", title = new string('t', 200), members = new[] { "b" } });
        ApiResponse tooLong = await api.PostAsync("createGroupConversation", new { creator = "a", title = new string('t', 201), members = new[] { "b" } });
        ApiResponse tooMany = await api.PostAsync("createGroupConversation", new { creator = "a", title = "big", members = Enumerable.Range(0, 1000).Select(i => $"m{i}").ToArray() });

        longest.AssertStatus(HttpStatusCode.OK);
        tooLong.AssertError(HttpStatusCode.BadRequest);
        tooMany.AssertError(HttpStatusCode.BadRequest); // 1,001 with the creator
        Assert.Single((await api.PostAsync("_getAllConversations")).Json.EnumerateArray());
    }

    [Fact]
    public async Task AddMembers_NewMemberSeesHistoryFromTheirJoinOn_WithSystemMessage()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob");
        await api.SendAsync(id, "alice", "before carol");

        ApiResponse added = await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol", "bob" } });
        await api.SendAsync(id, "bob", "bob here");

        added.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["alice", "bob", "carol"], added.Json.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        ApiResponse carolsView = await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "carol" });
        ApiResponse bobsView = await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "bob" });
        JsonElement[] carols = [.. carolsView.Json.EnumerateArray()];
        Assert.Equal(2, carols.Length);
        JsonElement system = carols[0];
        Assert.Equal("system", system.GetProperty("type").GetString());
        Assert.Equal("membersAdded", system.GetProperty("event").GetString());
        Assert.Equal("alice", system.GetProperty("actor").GetString());
        Assert.Equal(["carol"], system.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("bob here", carols[1].GetProperty("content").GetString());
        Assert.Equal(3, bobsView.Json.GetArrayLength());
        Assert.Equal("text", bobsView.Json[0].GetProperty("type").GetString()); // a user's message
        JsonElement carolsEntry = Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = "carol" })).Json.EnumerateArray());
        Assert.Equal(2, carolsEntry.GetProperty("unreadCount").GetInt64()); // the system message and bob's; not what came before
    }

    [Fact]
    public async Task AddMembers_Twice_NoSecondSystemMessage()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob");

        await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } });
        ApiResponse again = await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } });

        again.AssertStatus(HttpStatusCode.OK);
        Assert.Single((await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray());
    }

    [Fact]
    public async Task RemoveMembers_RemovedLosesAccessAndTheirListEntry()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob", "carol");
        await api.SendAsync(id, "bob", "hi");

        ApiResponse removed = await api.PostAsync("removeMembers", new { conversationId = id, actor = "alice", members = new[] { "bob" } });

        removed.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["alice", "carol"], removed.Json.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "still here?" })).AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "bob" })).AssertError(HttpStatusCode.Forbidden);
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Json.EnumerateArray());
        JsonElement last = (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray().Last();
        Assert.Equal("membersRemoved", last.GetProperty("event").GetString());
        Assert.Equal(["bob"], last.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task AdminOnlyActions_MemberForbidden_NothingChanges()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob", "carol");
        string before = (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Text;

        ApiResponse[] denied =
        [
            await api.PostAsync("addMembers", new { conversationId = id, actor = "bob", members = new[] { "dave" } }),
            await api.PostAsync("removeMembers", new { conversationId = id, actor = "bob", members = new[] { "carol" } }),
            await api.PostAsync("setMemberRole", new { conversationId = id, actor = "bob", member = "bob", role = "admin" }),
            await api.PostAsync("updateConversation", new { conversationId = id, actor = "bob", title = "Mine" }),
            await api.PostAsync("addMembers", new { conversationId = id, actor = "mallory", members = new[] { "mallory" } }),
        ];

        Assert.All(denied, d => d.AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(before, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Text);
        Assert.Equal(["alice", "bob", "carol"], (await api.PostAsync("_getConversation", new { conversationId = id })).Json[0].GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task SetMemberRole_And_UpdateConversation_ByAdmin()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob");

        ApiResponse promoted = await api.PostAsync("setMemberRole", new { conversationId = id, actor = "alice", member = "bob", role = "admin" });
        ApiResponse renamed = await api.PostAsync("updateConversation", new { conversationId = id, actor = "bob", title = "Renamed" });
        ApiResponse badRole = await api.PostAsync("setMemberRole", new { conversationId = id, actor = "alice", member = "bob", role = "owner" });
        ApiResponse notMember = await api.PostAsync("setMemberRole", new { conversationId = id, actor = "alice", member = "zed", role = "admin" });

        promoted.AssertStatus(HttpStatusCode.OK);
        JsonShape.AssertProperties(promoted.Json, "user", "role", "joinedAt");
        Assert.Equal("admin", promoted.Json.GetProperty("role").GetString());
        renamed.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed.Json.GetProperty("title").GetString());
        badRole.AssertError(HttpStatusCode.BadRequest);
        notMember.AssertError(HttpStatusCode.BadRequest);
        string[] events = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray().Select(m => m.GetProperty("event").GetString()!)];
        Assert.Equal(["roleChanged", "titleChanged"], events);
        Assert.Equal("Renamed", (await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Json[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task SetMemberRole_LastAdminCannotStepDown()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob");

        ApiResponse response = await api.PostAsync("setMemberRole", new { conversationId = id, actor = "alice", member = "alice", role = "member" });

        response.AssertError(HttpStatusCode.BadRequest);
        Assert.Equal("admin", (await api.PostAsync("_getMembers", new { conversationId = id })).Json[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Leave_LastAdmin_LongestStandingMemberBecomesAdmin()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob", "carol");
        await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "aaron" } });

        ApiResponse left = await api.PostAsync("leaveConversation", new { conversationId = id, user = "alice" });

        left.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("{}", left.Text);
        ApiResponse members = await api.PostAsync("_getMembers", new { conversationId = id });
        Assert.Equal(["bob", "carol", "aaron"], Ids(members, "user"));
        Assert.Equal(["admin", "member", "member"], members.Json.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Json.EnumerateArray());
        Assert.Equal("memberLeft", (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray().Last().GetProperty("event").GetString());
    }

    [Fact]
    public async Task Leave_LastMember_ConversationGoneForEveryone()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob");
        await api.SendAsync(id, "bob", "bye");

        (await api.PostAsync("leaveConversation", new { conversationId = id, user = "bob" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("leaveConversation", new { conversationId = id, user = "alice" })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("_getConversation", new { conversationId = id })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "x" })).AssertError(HttpStatusCode.NotFound);
        Assert.Empty((await api.PostAsync("_getAllConversations")).Json.EnumerateArray());
        Assert.Empty((await api.PostAsync("_getAllMessages")).Json.EnumerateArray()); // its rows were purged by the fan-out
    }

    [Fact]
    public async Task DirectConversation_GroupActionsRefused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        (await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("leaveConversation", new { conversationId = id, user = "alice" })).AssertError(HttpStatusCode.BadRequest);
        Assert.Equal(2, (await api.PostAsync("_getMembers", new { conversationId = id })).Json.GetArrayLength());
    }

    [Fact]
    public async Task TwoAdminsRemovingEachOther_OneAdminRemains()
    {
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, tableName: first.TableName);
        using ApiClient api1 = first.Api();
        using ApiClient api2 = second.Api();
        string id = await CreateGroupAsync(api1, "alice", "Team", "bob", "carol");
        (await api1.PostAsync("setMemberRole", new { conversationId = id, actor = "alice", member = "bob", role = "admin" })).AssertStatus(HttpStatusCode.OK);

        ApiResponse[] results = await Task.WhenAll(
            api1.PostAsync("removeMembers", new { conversationId = id, actor = "alice", members = new[] { "bob" } }),
            api2.PostAsync("removeMembers", new { conversationId = id, actor = "bob", members = new[] { "alice" } }));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Single(results, r => r.Status == HttpStatusCode.Forbidden);
        ApiResponse members = await api1.PostAsync("_getMembers", new { conversationId = id });
        Assert.Equal(2, members.Json.GetArrayLength());
        Assert.Single(members.Json.EnumerateArray(), m => m.GetProperty("role").GetString() == "admin");
    }

    [Fact]
    public async Task MemberAddedWhileMessagesAreSent_SeesExactlyTheMessagesFromTheirJoin()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "Team", "bob");

        Task<ApiResponse>[] sends = [.. Enumerable.Range(0, 10).Select(i => api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = $"m{i}" }))];
        ApiResponse added = await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } });
        await Task.WhenAll(sends);

        added.AssertStatus(HttpStatusCode.OK);
        JsonElement[] all = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray()];
        int joinIndex = Array.FindIndex(all, m => m.TryGetProperty("event", out JsonElement e) && e.GetString() == "membersAdded");
        string[] expected = [.. all.Skip(joinIndex).Select(m => m.GetProperty("_id").GetString()!)];
        string[] carols = Ids(await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "carol" }));
        Assert.Equal(11, all.Length);
        Assert.Equal(expected, carols);
    }
}
