using System.Net;
using System.Text.Json;
using Messaging.Core.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Sync;

/// <summary>_sync: catch-up across all of a user's conversations in one call, against a real Azurite.</summary>
public class SyncTests(AzuriteFixture azurite)
{
    /// <summary>One _sync answer: its token, its conversations by id, and the removed ids.</summary>
    private sealed record Synced(string Next, Dictionary<string, JsonElement> Conversations, string[] Removed, string[] Order)
    {
        public string[] Contents(string conversationId) =>
            [.. Conversations[conversationId].GetProperty("messages").EnumerateArray().Select(m => m.TryGetProperty("content", out JsonElement c) ? c.GetString()! : "(deleted)")];

        public bool Gap(string conversationId) => Conversations[conversationId].GetProperty("gap").GetBoolean();
    }

    private static async Task<Synced> SyncAsync(ApiClient api, object body)
    {
        ApiResponse response = await api.PostAsync("_sync", body);
        response.AssertStatus(HttpStatusCode.OK);
        JsonElement result = Assert.Single(response.Json.EnumerateArray());
        JsonElement[] conversations = [.. result.GetProperty("conversations").EnumerateArray()];
        return new Synced(
            result.GetProperty("next").GetString()!,
            conversations.ToDictionary(c => c.GetProperty("conversationId").GetString()!),
            [.. result.GetProperty("removed").EnumerateArray().Select(r => r.GetString()!)],
            [.. conversations.Select(c => c.GetProperty("conversationId").GetString()!)]);
    }

    private static async Task<string> GroupAsync(ApiClient api, string creator, params string[] members)
    {
        ApiResponse created = await api.PostAsync("createGroupConversation", new { creator, title = "Team", members });
        created.AssertStatus(HttpStatusCode.OK);
        return created.Json.GetProperty("conversationId").GetString()!;
    }

    private static async Task<string> SendIdAsync(ApiClient api, string conversationId, string sender, string content) =>
        (await api.SendAsync(conversationId, sender, content)).GetProperty("_id").GetString()!;

    [Fact]
    public async Task WithoutSince_EachConversationWithItsLatestMessages_GapWhenMore_MostRecentFirst()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string few = await api.CreateConversationAsync("alice", "bob");
        string many = await api.CreateConversationAsync("carol", "bob");
        string quiet = await api.CreateConversationAsync("dave", "bob");
        await api.SendAsync(few, "alice", "a1");
        for (int i = 1; i <= 5; i++)
        {
            await api.SendAsync(many, "carol", $"c{i}");
        }
        await api.SendAsync(few, "bob", "b1");

        Synced synced = await SyncAsync(api, new { user = "bob", limit = 3 });

        Assert.Equal(new[] { few, many, quiet }, synced.Order);
        Assert.Equal(new[] { "a1", "b1" }, synced.Contents(few));
        Assert.False(synced.Gap(few));
        Assert.Equal(new[] { "c3", "c4", "c5" }, synced.Contents(many));
        Assert.True(synced.Gap(many));
        Assert.Empty(synced.Contents(quiet));
        JsonElement conversation = synced.Conversations[many].GetProperty("conversation");
        Assert.Equal(many, conversation.GetProperty("_id").GetString());
        Assert.Equal(5, conversation.GetProperty("unreadCount").GetInt64());
        Assert.Equal(5, conversation.GetProperty("messageCount").GetInt64());
        Assert.False(conversation.TryGetProperty("readUpTo", out _));
        Assert.False(conversation.GetProperty("settings").GetProperty("muted").GetBoolean());
        JsonElement own = synced.Conversations[few].GetProperty("conversation");
        Assert.Equal(0, own.GetProperty("unreadCount").GetInt64()); // his own message read what came before
        Assert.Equal($"{few}-2", own.GetProperty("readUpTo").GetString());
        Assert.Empty(synced.Removed);
    }

    [Fact]
    public async Task Again_WithNothingNew_ReturnsNoConversations_AndTheSameToken()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hi");
        string reacted = await SendIdAsync(api, id, "alice", "react to me");
        (await api.PostAsync("addReaction", new { messageId = reacted, user = "bob", emoji = "👍" })).AssertStatus(HttpStatusCode.OK);

        Synced first = await SyncAsync(api, new { user = "bob" });
        Synced again = await SyncAsync(api, new { user = "bob", since = first.Next });
        Synced third = await SyncAsync(api, new { user = "bob", since = again.Next });

        Assert.Single(first.Conversations);
        Assert.Empty(again.Conversations);
        Assert.Empty(again.Removed);
        Assert.Equal(first.Next, again.Next);
        Assert.Empty(third.Conversations);
    }

    [Fact]
    public async Task CatchUp_AfterMissedSendsEditsDeletesAndReactions_InSeveralConversations_EachOnce()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string direct = await api.CreateConversationAsync("alice", "bob");
        string group = await GroupAsync(api, "carol", "bob", "dave");
        string reactedIn = await api.CreateConversationAsync("erin", "bob");
        string untouched = await api.CreateConversationAsync("frank", "bob");
        string toEdit = await SendIdAsync(api, direct, "alice", "original");
        await api.SendAsync(direct, "alice", "second");
        string toDelete = await SendIdAsync(api, group, "carol", "secret");
        await api.SendAsync(group, "dave", "kept");
        string toReact = await SendIdAsync(api, reactedIn, "erin", "like me");
        await api.SendAsync(untouched, "frank", "old news");
        Synced before = await SyncAsync(api, new { user = "bob" });

        // bob is offline: new messages, an edit and a delete of older ones, and a reaction.
        await api.SendAsync(direct, "alice", "new 1");
        await api.SendAsync(direct, "alice", "new 2");
        (await api.PostAsync("editMessage", new { messageId = toEdit, user = "alice", content = "edited" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("deleteMessage", new { messageId = toDelete, user = "carol" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("addReaction", new { messageId = toReact, user = "erin", emoji = "🎉" })).AssertStatus(HttpStatusCode.OK);
        Synced caughtUp = await SyncAsync(api, new { user = "bob", since = before.Next });

        Assert.Equal(new[] { direct, group, reactedIn }.Order(), caughtUp.Conversations.Keys.Order());
        Assert.Equal(new[] { "edited", "new 1", "new 2" }, caughtUp.Contents(direct));
        Assert.Equal(toEdit, caughtUp.Conversations[direct].GetProperty("messages")[0].GetProperty("_id").GetString());
        Assert.True(caughtUp.Conversations[direct].GetProperty("messages")[0].TryGetProperty("editedAt", out _));
        JsonElement tombstone = Assert.Single(caughtUp.Conversations[group].GetProperty("messages").EnumerateArray());
        Assert.Equal(toDelete, tombstone.GetProperty("_id").GetString());
        Assert.True(tombstone.GetProperty("deleted").GetBoolean());
        JsonElement reactedMessage = Assert.Single(caughtUp.Conversations[reactedIn].GetProperty("messages").EnumerateArray());
        Assert.Equal("🎉", reactedMessage.GetProperty("reactions")[0].GetProperty("emoji").GetString());
        Assert.All(caughtUp.Conversations.Values, c => Assert.False(c.GetProperty("gap").GetBoolean()));
        Assert.Equal(4, caughtUp.Conversations[direct].GetProperty("conversation").GetProperty("unreadCount").GetInt64());

        Synced settled = await SyncAsync(api, new { user = "bob", since = caughtUp.Next });
        Assert.Empty(settled.Conversations);
    }

    [Fact]
    public async Task LongOffline_MoreThanTheLimit_LatestWithAGap()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "seen");
        Synced before = await SyncAsync(api, new { user = "bob" });
        for (int i = 1; i <= 7; i++)
        {
            await api.SendAsync(id, "alice", $"m{i}");
        }

        Synced caughtUp = await SyncAsync(api, new { user = "bob", since = before.Next, limit = 4 });
        Synced exact = await SyncAsync(api, new { user = "bob", since = before.Next, limit = 7 });

        Assert.Equal(new[] { "m4", "m5", "m6", "m7" }, caughtUp.Contents(id));
        Assert.True(caughtUp.Gap(id));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"m{i}").ToArray(), exact.Contents(id));
        Assert.False(exact.Gap(id));
    }

    [Fact]
    public async Task ReadOrSettingsChangedOnAnotherDevice_ConversationComesWithTheNewStateAndNoMessages()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string last = await SendIdAsync(api, id, "alice", "hi");
        Synced before = await SyncAsync(api, new { user = "bob" });

        (await api.PostAsync("markRead", new { conversationId = id, user = "bob" })).AssertStatus(HttpStatusCode.OK);
        Synced afterRead = await SyncAsync(api, new { user = "bob", since = before.Next });
        (await api.PostAsync("updateConversationSettings", new { conversationId = id, user = "bob", pinned = true })).AssertStatus(HttpStatusCode.OK);
        Synced afterPin = await SyncAsync(api, new { user = "bob", since = afterRead.Next });

        JsonElement read = afterRead.Conversations[id].GetProperty("conversation");
        Assert.Equal(0, read.GetProperty("unreadCount").GetInt64());
        Assert.Equal(last, read.GetProperty("readUpTo").GetString());
        Assert.Empty(afterRead.Contents(id));
        Assert.True(afterPin.Conversations[id].GetProperty("conversation").GetProperty("settings").GetProperty("pinned").GetBoolean());
        Assert.Empty(afterPin.Contents(id));
    }

    [Fact]
    public async Task Membership_LateJoinerSeesOnlyFromTheirJoin_RemovedMemberGetsTheIdInRemoved()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = await GroupAsync(api, "alice", "bob");
        await api.SendAsync(group, "alice", "before carol");
        Synced bobBefore = await SyncAsync(api, new { user = "bob" });

        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        await api.SendAsync(group, "alice", "welcome");
        (await api.PostAsync("removeMembers", new { conversationId = group, actor = "alice", members = new[] { "bob" } })).AssertStatus(HttpStatusCode.OK);
        await api.SendAsync(group, "alice", "after bob");

        Synced carol = await SyncAsync(api, new { user = "carol" });
        Synced bob = await SyncAsync(api, new { user = "bob", since = bobBefore.Next });

        string[] carolSees = carol.Contents(group);
        Assert.DoesNotContain("before carol", carolSees);
        Assert.Contains("welcome", carolSees);
        Assert.Contains("after bob", carolSees);
        Assert.False(carol.Gap(group));
        Assert.Equal(new[] { group }, bob.Removed);
        Assert.Empty(bob.Conversations);
        Synced bobAgain = await SyncAsync(api, new { user = "bob", since = bob.Next });
        Assert.Empty(bobAgain.Removed); // told once
    }

    [Fact]
    public async Task Token_SurvivesARestart()
    {
        string table;
        string next;
        string id;
        await using (var first = new MessagingApp(azurite))
        {
            using ApiClient api = first.Api();
            table = first.TableName;
            id = await api.CreateConversationAsync("alice", "bob");
            await api.SendAsync(id, "alice", "before");
            next = (await SyncAsync(api, new { user = "bob" })).Next;
        }
        await using var second = new MessagingApp(azurite, table);
        using ApiClient again = second.Api();
        Assert.Empty((await SyncAsync(again, new { user = "bob", since = next })).Conversations);
        await again.SendAsync(id, "alice", "after");

        Assert.Equal(new[] { "after" }, (await SyncAsync(again, new { user = "bob", since = next })).Contents(id));
    }

    [Fact]
    public async Task ConcurrentEditsAndReactions_WhileSyncing_NothingIsSkipped()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string[] ids = [.. await Task.WhenAll(Enumerable.Range(0, 6).Select(async i => await SendIdAsync(api, id, "alice", $"m{i}")))];
        // The client's copy: message id → its JSON, replaced by whatever sync brings.
        var copy = new Dictionary<string, string>();
        Synced synced = await SyncAsync(api, new { user = "bob" });

        Task changes = Task.WhenAll(ids.Select(async (messageId, i) =>
        {
            for (int round = 0; round < 3; round++)
            {
                (await api.PostAsync("editMessage", new { messageId, user = "alice", content = $"m{i} v{round}" })).AssertStatus(HttpStatusCode.OK);
                (await api.PostAsync("addReaction", new { messageId, user = "bob", emoji = round % 2 == 0 ? "👍" : "🎉" })).AssertStatus(HttpStatusCode.OK);
            }
        }));
        Apply(synced);
        while (!changes.IsCompleted)
        {
            synced = await SyncAsync(api, new { user = "bob", since = synced.Next });
            Apply(synced);
        }
        await changes;
        await app.SettledAsync();
        Apply(await SyncAsync(api, new { user = "bob", since = synced.Next }));

        ApiResponse history = await api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "bob" });
        Dictionary<string, string> truth = history.Json.EnumerateArray().ToDictionary(m => m.GetProperty("_id").GetString()!, m => m.GetRawText());
        Assert.Equal(truth.OrderBy(p => p.Key), copy.OrderBy(p => p.Key));

        void Apply(Synced s)
        {
            if (s.Conversations.TryGetValue(id, out JsonElement c))
            {
                foreach (JsonElement m in c.GetProperty("messages").EnumerateArray())
                {
                    copy[m.GetProperty("_id").GetString()!] = m.GetRawText();
                }
            }
        }
    }

    [Fact]
    public async Task Cost_OneQueryOfTheUsersRows_PlusOnePerChangedConversation()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        FanOutHandler fanOut = counting.App.Services.GetRequiredService<FanOutHandler>();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            string id = await api.CreateConversationAsync($"u{i}", "bob");
            await api.SendAsync(id, $"u{i}", "hello");
            ids.Add(id);
        }
        await FanOutAllAsync();
        string next = (await SyncAsync(api, new { user = "bob" })).Next;

        await api.SendAsync(ids[1], "u1", "news");
        string edited = $"{ids[3]}-1";
        (await api.PostAsync("editMessage", new { messageId = edited, user = "u3", content = "changed" })).AssertStatus(HttpStatusCode.OK);
        await FanOutAllAsync();

        Assert.Equal(1 + 5, await counting.CountAsync(() => api.PostAsync("_sync", new { user = "bob" })));
        Assert.Equal(1 + 2, await counting.CountAsync(() => api.PostAsync("_sync", new { user = "bob", since = next })));

        async Task FanOutAllAsync()
        {
            foreach (MessagingEvent dropped in counting.Dropped.Dropped.ToArray())
            {
                await fanOut.HandleAsync(dropped, TestContext.Current.CancellationToken);
            }
            counting.Dropped.Dropped.Clear();
        }
    }

    [Fact]
    public async Task BadInput_ClientErrorAndNothingRead()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        await api.CreateConversationAsync("alice", "bob");
        string next = (await SyncAsync(api, new { user = "bob" })).Next;

        (await api.PostAsync("_sync", new { user = "bob", since = "not-a-token" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_sync", new { user = "bob", since = next[..^3] })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_sync", new { user = "bob", since = "" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_sync", new { user = "bob", limit = 0 })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_sync", new { user = "bob", limit = 201 })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostRawAsync("_sync", """{"user":"bob","since":42}""")).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_sync", new { })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_sync", new { user = "bob", limit = 200 })).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithTokens_OnlyTheCallersOwn_AndAnotherUsersTokenShowsNothingOfTheirs()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        using ApiClient carol = app.Api(app.CreateClient().As(Tokens.For("carol")));
        string id = await alice.CreateConversationAsync("alice", "bob");
        (await alice.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "private" })).AssertStatus(HttpStatusCode.OK);

        Synced bobs = await SyncAsync(bob, new { });
        Assert.Equal(new[] { "private" }, bobs.Contents(id));
        Assert.Equal(new[] { "private" }, (await SyncAsync(bob, new { user = "bob" })).Contents(id));
        (await bob.PostAsync("_sync", new { user = "alice" })).AssertError(HttpStatusCode.Forbidden);
        // A token names conversations, but only the caller's own rows are ever read.
        Synced carols = await SyncAsync(carol, new { since = bobs.Next });
        Assert.Empty(carols.Conversations);
        Assert.Empty(carols.Removed);
    }
}
