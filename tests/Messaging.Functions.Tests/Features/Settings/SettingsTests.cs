using System.Net;
using System.Text.Json;
using Messaging.Core.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Settings;

/// <summary>
/// Per-user conversation settings over HTTP against a real Azurite: updateConversationSettings, and how
/// _getConversationsForUser carries, orders, filters and pages by them.
/// </summary>
public class SettingsTests(AzuriteFixture azurite)
{
    private static async Task<ApiResponse> UpdateAsync(ApiClient api, object body)
    {
        ApiResponse response = await api.PostAsync("updateConversationSettings", body);
        response.AssertStatus(HttpStatusCode.OK);
        return response;
    }

    private static async Task<JsonElement[]> ListAsync(ApiClient api, object body)
    {
        ApiResponse response = await api.PostAsync("_getConversationsForUser", body);
        response.AssertStatus(HttpStatusCode.OK);
        return [.. response.Json.EnumerateArray()];
    }

    private static string[] Ids(IEnumerable<JsonElement> conversations) => [.. conversations.Select(c => c.GetProperty("_id").GetString()!)];

    private static JsonElement Entry(JsonElement[] list, string id) => Assert.Single(list, c => c.GetProperty("_id").GetString() == id);

    private static void AssertSettings(JsonElement settings, bool pinned = false, bool muted = false, bool archived = false, bool favorite = false, string? ringtone = null)
    {
        JsonShape.AssertProperties(settings, "pinned", "muted", "archived", "favorite", "ringtone");
        Assert.Equal(pinned, settings.GetProperty("pinned").GetBoolean());
        Assert.Equal(muted, settings.GetProperty("muted").GetBoolean());
        Assert.Equal(archived, settings.GetProperty("archived").GetBoolean());
        Assert.Equal(favorite, settings.GetProperty("favorite").GetBoolean());
        Assert.Equal(ringtone, settings.GetProperty("ringtone").GetString());
    }

    /// <summary>Sends so that each conversation's last activity is distinct (the clock has moved between sends).</summary>
    private static async Task SendApartAsync(ApiClient api, string conversationId, string sender, string content)
    {
        await Task.Delay(5, TestContext.Current.CancellationToken);
        await api.SendAsync(conversationId, sender, content);
    }

    private static async Task<string> CreateApartAsync(ApiClient api, string user1, string user2)
    {
        await Task.Delay(5, TestContext.Current.CancellationToken);
        return await api.CreateConversationAsync(user1, user2);
    }

    [Fact]
    public async Task Update_ReturnsTheSettings_MergesOnlyTheFieldsGiven()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        JsonElement defaults = Assert.Single(await ListAsync(api, new { user = "alice" }));
        ApiResponse pinned = await UpdateAsync(api, new { conversationId = id, user = "alice", pinned = true });
        ApiResponse ringtone = await UpdateAsync(api, new { conversationId = id, user = "alice", muted = true, ringtone = "chime", favorite = true });
        ApiResponse nothing = await UpdateAsync(api, new { conversationId = id, user = "alice" });
        ApiResponse unpinned = await UpdateAsync(api, new { conversationId = id, user = "alice", pinned = false, archived = true });
        ApiResponse cleared = await api.PostRawAsync("updateConversationSettings", $$"""{"conversationId":"{{id}}","user":"alice","ringtone":null}""");

        JsonShape.AssertProperties(defaults, "_id", "kind", "participants", "createdBy", "createdAt", "participant1", "participant2", "messageCount", "unreadCount", "settings");
        AssertSettings(defaults.GetProperty("settings"));
        AssertSettings(pinned.Json, pinned: true);
        AssertSettings(ringtone.Json, pinned: true, muted: true, favorite: true, ringtone: "chime");
        AssertSettings(nothing.Json, pinned: true, muted: true, favorite: true, ringtone: "chime");
        AssertSettings(unpinned.Json, muted: true, archived: true, favorite: true, ringtone: "chime");
        cleared.AssertStatus(HttpStatusCode.OK);
        AssertSettings(cleared.Json, muted: true, archived: true, favorite: true);
        AssertSettings(Assert.Single(await ListAsync(api, new { user = "alice" })).GetProperty("settings"), muted: true, archived: true, favorite: true);
        // The settings are alice's alone: bob's entry, and the conversation itself, carry none of them.
        AssertSettings(Assert.Single(await ListAsync(api, new { user = "bob" })).GetProperty("settings"));
        JsonElement conversation = Assert.Single((await api.PostAsync("_getConversation", new { conversationId = id })).Json.EnumerateArray());
        Assert.False(conversation.TryGetProperty("settings", out _));
    }

    [Fact]
    public async Task Update_RingtoneAtTheLimit_IsKept()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string longest = string.Concat(Enumerable.Repeat("😀", 64)); // 64 characters, 128 UTF-16 code units

        ApiResponse updated = await UpdateAsync(api, new { conversationId = id, user = "alice", ringtone = longest });

        AssertSettings(updated.Json, ringtone: longest);
        AssertSettings(Assert.Single(await ListAsync(api, new { user = "alice" })).GetProperty("settings"), ringtone: longest);
    }

    [Theory]
    [InlineData("""{"ringtone":""}""")]
    [InlineData("""{"ringtone":"   "}""")]
    [InlineData("""{"ringtone":"a\u0007b"}""")]
    [InlineData("""{"ringtone":"\ud800"}""")]
    [InlineData("""{"ringtone":5}""")]
    [InlineData("""{"pinned":null}""")]
    [InlineData("""{"pinned":"yes"}""")]
    [InlineData("""{"muted":1}""")]
    [InlineData("""{"pinned":true,"pinned":false}""")]
    [InlineData("""{"pinned":true,"user":""}""")]
    public async Task Update_BadInput_400AndNothingChanges(string fields)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string body = fields.Contains("\"user\"", StringComparison.Ordinal)
            ? $$"""{"conversationId":"{{id}}",{{fields[1..]}}"""
            : $$"""{"conversationId":"{{id}}","user":"alice",{{fields[1..]}}""";

        ApiResponse response = await api.PostRawAsync("updateConversationSettings", body);

        response.AssertError(HttpStatusCode.BadRequest);
        AssertSettings(Assert.Single(await ListAsync(api, new { user = "alice" })).GetProperty("settings"));
    }

    [Fact]
    public async Task Update_RingtoneTooLongOrConversationMissing_400AndNothingChanges()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        string tooLong = (await api.PostAsync("updateConversationSettings", new { conversationId = id, user = "alice", pinned = true, ringtone = new string('r', 65) }))
            .AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("updateConversationSettings", new { user = "alice", pinned = true })).AssertError(HttpStatusCode.BadRequest);

        Assert.Contains("64", tooLong, StringComparison.Ordinal);
        AssertSettings(Assert.Single(await ListAsync(api, new { user = "alice" })).GetProperty("settings"));
    }

    [Fact]
    public async Task Update_UnknownConversation404_NonParticipant403_NothingStored()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob", "carol" } }))
            .Json.GetProperty("conversationId").GetString()!;
        await api.PostAsync("removeMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } });

        ApiResponse malformed = await api.PostAsync("updateConversationSettings", new { conversationId = "nope", user = "alice", pinned = true });
        ApiResponse unknown = await api.PostAsync("updateConversationSettings", new { conversationId = "0192f3b4c5d6e7f8091a2b3c4d5e6f70", user = "alice", pinned = true });
        ApiResponse outsider = await api.PostAsync("updateConversationSettings", new { conversationId = id, user = "mallory", pinned = true });
        ApiResponse removed = await api.PostAsync("updateConversationSettings", new { conversationId = group, user = "carol", pinned = true });

        malformed.AssertError(HttpStatusCode.NotFound);
        unknown.AssertError(HttpStatusCode.NotFound);
        outsider.AssertError(HttpStatusCode.Forbidden);
        removed.AssertError(HttpStatusCode.Forbidden);
        Assert.Empty(await ListAsync(api, new { user = "mallory" }));
        Assert.Empty(await ListAsync(api, new { user = "carol" }));
        Assert.All(await ListAsync(api, new { user = "alice" }), c => AssertSettings(c.GetProperty("settings")));
    }

    [Fact]
    public async Task Update_WithAuthentication_OwnSettingsOnly()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        using ApiClient mallory = app.Api(app.CreateClient().As(Tokens.For("mallory")));
        string id = await alice.CreateConversationAsync("alice", "bob");

        ApiResponse spoofed = await bob.PostAsync("updateConversationSettings", new { conversationId = id, user = "alice", pinned = true });
        ApiResponse outsider = await mallory.PostAsync("updateConversationSettings", new { conversationId = id, pinned = true });
        ApiResponse own = await bob.PostAsync("updateConversationSettings", new { conversationId = id, pinned = true });
        ApiResponse ownNamed = await alice.PostAsync("updateConversationSettings", new { conversationId = id, user = "alice", muted = true });
        ApiResponse othersList = await bob.PostAsync("_getConversationsForUser", new { user = "alice", archived = false });

        spoofed.AssertError(HttpStatusCode.Forbidden);
        outsider.AssertError(HttpStatusCode.Forbidden);
        own.AssertStatus(HttpStatusCode.OK);
        AssertSettings(own.Json, pinned: true);
        ownNamed.AssertStatus(HttpStatusCode.OK);
        othersList.AssertError(HttpStatusCode.Forbidden);
        AssertSettings(Assert.Single(await ListAsync(alice, new { })).GetProperty("settings"), muted: true);
        AssertSettings(Assert.Single(await ListAsync(bob, new { })).GetProperty("settings"), pinned: true);
    }

    [Fact]
    public async Task List_PinnedFirst_ThenMostRecentActivity()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string withBob = await CreateApartAsync(api, "alice", "bob");
        string withCarol = await CreateApartAsync(api, "alice", "carol");
        string withDave = await CreateApartAsync(api, "alice", "dave");
        string withErin = await CreateApartAsync(api, "alice", "erin");
        await SendApartAsync(api, withCarol, "carol", "first");
        await SendApartAsync(api, withBob, "alice", "second");

        string[] unpinned = Ids(await ListAsync(api, new { user = "alice" }));
        await UpdateAsync(api, new { conversationId = withDave, user = "alice", pinned = true });
        await UpdateAsync(api, new { conversationId = withErin, user = "alice", pinned = true });
        string[] pinned = Ids(await ListAsync(api, new { user = "alice" }));
        await SendApartAsync(api, withDave, "dave", "third"); // the newest activity, among the pinned too
        string[] afterDave = Ids(await ListAsync(api, new { user = "alice" }));

        // Messages are the latest activity; conversations without one count from their creation, newest first.
        Assert.Equal([withBob, withCarol, withErin, withDave], unpinned);
        Assert.Equal([withErin, withDave, withBob, withCarol], pinned);
        Assert.Equal([withDave, withErin, withBob, withCarol], afterDave);
    }

    [Fact]
    public async Task List_ArchivedAndCategoryFilters()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string direct = await CreateApartAsync(api, "alice", "bob");
        await Task.Delay(5, TestContext.Current.CancellationToken);
        string work = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "Work", members = new[] { "bob" }, category = "work" }))
            .Json.GetProperty("conversationId").GetString()!;
        await Task.Delay(5, TestContext.Current.CancellationToken);
        string family = (await api.PostAsync("createGroupConversation", new { creator = "carol", title = "Family", members = new[] { "alice" }, category = "family" }))
            .Json.GetProperty("conversationId").GetString()!;
        await Task.Delay(5, TestContext.Current.CancellationToken);
        string moreWork = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "More work", members = new[] { "dave" }, category = "work" }))
            .Json.GetProperty("conversationId").GetString()!;
        await UpdateAsync(api, new { conversationId = family, user = "alice", archived = true });
        await UpdateAsync(api, new { conversationId = moreWork, user = "alice", archived = true });

        Assert.Equal([moreWork, family, work, direct], Ids(await ListAsync(api, new { user = "alice" })));
        Assert.Equal([moreWork, family], Ids(await ListAsync(api, new { user = "alice", archived = true })));
        Assert.Equal([work, direct], Ids(await ListAsync(api, new { user = "alice", archived = false })));
        Assert.Equal([moreWork, work], Ids(await ListAsync(api, new { user = "alice", category = "work" })));
        Assert.Equal([work], Ids(await ListAsync(api, new { user = "alice", category = "work", archived = false })));
        Assert.Empty(await ListAsync(api, new { user = "alice", category = "school" }));
        // Archiving is alice's: bob's view of the same group is not archived.
        Assert.Equal([work], Ids(await ListAsync(api, new { user = "bob", category = "work", archived = false })));
        (await api.PostAsync("_getConversationsForUser", new { user = "alice", category = "Work" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_getConversationsForUser", new { user = "alice", category = "" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostRawAsync("_getConversationsForUser", """{"user":"alice","archived":"yes"}""")).AssertError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_PagesWithLimitAndAfter_EveryConversationOnceInTheUnpagedOrder()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string[] ids = new string[8];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = await CreateApartAsync(api, "alice", $"user{i}");
        }
        await SendApartAsync(api, ids[2], "user2", "hi");
        await SendApartAsync(api, ids[5], "alice", "hello");
        await UpdateAsync(api, new { conversationId = ids[0], user = "alice", pinned = true });
        await UpdateAsync(api, new { conversationId = ids[6], user = "alice", pinned = true, archived = true });
        await UpdateAsync(api, new { conversationId = ids[3], user = "alice", archived = true });

        foreach (bool? archived in new bool?[] { null, false })
        {
            string[] unpaged = Ids(await ListAsync(api, new { user = "alice", archived }));
            foreach (int limit in new[] { 1, 3, 8, 100 })
            {
                var paged = new List<string>();
                string? after = null;
                while (true)
                {
                    JsonElement[] page = await ListAsync(api, new { user = "alice", archived, limit, after });
                    Assert.True(page.Length <= limit);
                    paged.AddRange(Ids(page));
                    Assert.True(paged.Count <= unpaged.Length, "a page repeated a conversation"); // rather than paging forever
                    if (page.Length < limit)
                    {
                        break;
                    }
                    after = page[^1].GetProperty("_id").GetString();
                }
                Assert.Equal(unpaged, paged);
            }
        }
        Assert.Equal(8, (await ListAsync(api, new { user = "alice" })).Length);
        Assert.Equal(6, (await ListAsync(api, new { user = "alice", archived = false })).Length);
    }

    [Fact]
    public async Task List_BadPage_400()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string others = await api.CreateConversationAsync("carol", "dave");

        (await api.PostAsync("_getConversationsForUser", new { user = "alice", limit = 0 })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_getConversationsForUser", new { user = "alice", limit = 101 })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostRawAsync("_getConversationsForUser", """{"user":"alice","limit":2.5}""")).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("_getConversationsForUser", new { user = "alice", limit = 10, after = "nope" })).AssertError(HttpStatusCode.BadRequest);
        string error = (await api.PostAsync("_getConversationsForUser", new { user = "alice", limit = 10, after = others })).AssertError(HttpStatusCode.BadRequest);
        Assert.Contains("after", error, StringComparison.Ordinal);
        // The last conversation as `after`: an empty page, not an error.
        Assert.Empty(await ListAsync(api, new { user = "alice", limit = 10, after = id }));
        Assert.Equal([id], Ids(await ListAsync(api, new { user = "alice", limit = 100 })));
    }

    [Fact]
    public async Task Settings_KeepCounters_AndSurviveLaterMessagesReadsAndFanOut()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "one");
        await api.SendAsync(id, "alice", "two");

        await UpdateAsync(api, new { conversationId = id, user = "bob", pinned = true, muted = true, ringtone = "bell" });
        JsonElement afterUpdate = Assert.Single(await ListAsync(api, new { user = "bob" }));
        await api.SendAsync(id, "bob", "three");
        await api.SendAsync(id, "alice", "four");
        JsonElement beforeRead = Assert.Single(await ListAsync(api, new { user = "bob" }));
        await api.PostAsync("markRead", new { conversationId = id, user = "bob" });
        JsonElement afterRead = Assert.Single(await ListAsync(api, new { user = "bob" }));
        ApiResponse unread = await api.PostAsync("_getUnreadCounts", new { user = "bob" });

        // The settings write left the counters and the last message as they were.
        Assert.Equal(2, afterUpdate.GetProperty("unreadCount").GetInt64());
        Assert.Equal("two", afterUpdate.GetProperty("lastMessage").GetProperty("preview").GetString());
        Assert.Equal(["alice", "bob"], afterUpdate.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        AssertSettings(beforeRead.GetProperty("settings"), pinned: true, muted: true, ringtone: "bell");
        Assert.Equal(1, beforeRead.GetProperty("unreadCount").GetInt64()); // muted still counts; bob's own send read the rest
        Assert.Equal("four", beforeRead.GetProperty("lastMessage").GetProperty("preview").GetString());
        AssertSettings(afterRead.GetProperty("settings"), pinned: true, muted: true, ringtone: "bell");
        Assert.Equal(0, afterRead.GetProperty("unreadCount").GetInt64());
        JsonShape.AssertProperties(Assert.Single(unread.Json.EnumerateArray()), "conversationId", "unreadCount");
        AssertSettings(Assert.Single(await ListAsync(api, new { user = "alice" })).GetProperty("settings"));
    }

    [Fact]
    public async Task Settings_GivenBeforeFanOutWritesTheEntry_KeptAndCountersRight()
    {
        // No fan-out until the test runs it: the group's entries do not exist when bob changes his settings.
        var dropped = new DroppingPublisher();
        await using var app = new MessagingApp(azurite, configureServices: services => services.UsePublisher(dropped));
        using var api = new ApiClient(app.CreateClient());
        string id = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "Early", members = new[] { "bob" } }))
            .Json.GetProperty("conversationId").GetString()!;

        ApiResponse early = await api.PostAsync("updateConversationSettings", new { conversationId = id, user = "bob", pinned = true, archived = true, ringtone = "bell" });
        JsonElement[] beforeFanOut = await ListAsync(api, new { user = "bob" });
        await api.SendAsync(id, "alice", "one");
        await api.SendAsync(id, "alice", "two");
        FanOutHandler fanOut = app.Services.GetRequiredService<FanOutHandler>();
        foreach (MessagingEvent published in dropped.Dropped.ToArray())
        {
            await fanOut.HandleAsync(published, TestContext.Current.CancellationToken);
        }
        JsonElement bob = Assert.Single(await ListAsync(api, new { user = "bob" }));
        JsonElement alice = Assert.Single(await ListAsync(api, new { user = "alice" }));
        ApiResponse counts = await api.PostAsync("_getUnreadCounts", new { user = "bob" });

        early.AssertStatus(HttpStatusCode.OK);
        AssertSettings(early.Json, pinned: true, archived: true, ringtone: "bell");
        Assert.Empty(beforeFanOut); // a row holding only settings is not a conversation yet
        Assert.Equal(3, dropped.Dropped.Count);
        AssertSettings(bob.GetProperty("settings"), pinned: true, archived: true, ringtone: "bell");
        Assert.Equal("Early", bob.GetProperty("title").GetString());
        Assert.Equal(["alice", "bob"], bob.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, bob.GetProperty("unreadCount").GetInt64());
        Assert.Equal("two", bob.GetProperty("lastMessage").GetProperty("preview").GetString());
        Assert.Equal(2, Assert.Single(counts.Json.EnumerateArray()).GetProperty("unreadCount").GetInt64());
        AssertSettings(alice.GetProperty("settings"));
        Assert.Equal(0, alice.GetProperty("unreadCount").GetInt64());
    }
}
