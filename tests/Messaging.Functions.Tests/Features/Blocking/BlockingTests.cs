using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Blocking;

/// <summary>blockUser, unblockUser and _getBlockedUsers over HTTP, and their enforcement on direct conversations.</summary>
public class BlockingTests(AzuriteFixture azurite)
{
    private const string CannotMessage = "You cannot message this user.";
    private const string YouBlocked = "You have blocked this user; unblock them to message them.";

    [Fact]
    public async Task BlockUnblockAndList_RoundTrip()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse first = await api.PostAsync("blockUser", new { user = "alice", blocked = "zed", reason = "spam 😀" });
        first.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["user", "blocked", "reason", "blockedAt"], first.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("alice", "zed", "spam 😀"), (Text(first, "user"), Text(first, "blocked"), Text(first, "reason")));
        string zedAt = Text(first, "blockedAt")!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", zedAt);
        await Task.Delay(20, TestContext.Current.CancellationToken); // a later blockedAt for bob
        ApiResponse second = await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" });
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("reason").ValueKind);

        // Oldest block first, though "bob" sorts before "zed"; the entry's user is the blocked user.
        ApiResponse list = await api.PostAsync("_getBlockedUsers", new { user = "alice" });
        Assert.Equal(["zed", "bob"], list.Json.EnumerateArray().Select(e => e.GetProperty("user").GetString()));
        Assert.Equal(["user", "reason", "blockedAt"], list.Json[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("spam 😀", zedAt), (list.Json[0].GetProperty("reason").GetString(), list.Json[0].GetProperty("blockedAt").GetString()));
        Assert.Equal("[]", (await api.PostAsync("_getBlockedUsers", new { user = "zed" })).Text); // blocks are one-way

        // Blocking again keeps blockedAt; a reason left out keeps the note, one given replaces it.
        ApiResponse again = await api.PostAsync("blockUser", new { user = "alice", blocked = "zed" });
        Assert.Equal(("spam 😀", zedAt), (Text(again, "reason"), Text(again, "blockedAt")));
        ApiResponse renoted = await api.PostAsync("blockUser", new { user = "alice", blocked = "zed", reason = "rude" });
        Assert.Equal(("rude", zedAt), (Text(renoted, "reason"), Text(renoted, "blockedAt")));
        Assert.Equal(2, (await api.PostAsync("_getBlockedUsers", new { user = "alice" })).Json.GetArrayLength());

        ApiResponse unblocked = await api.PostAsync("unblockUser", new { user = "alice", blocked = "zed" });
        unblocked.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("{}", unblocked.Text);
        Assert.Equal("{}", (await api.PostAsync("unblockUser", new { user = "alice", blocked = "zed" })).Text); // idempotent
        Assert.Equal("{}", (await api.PostAsync("unblockUser", new { user = "alice", blocked = "nobody" })).Text);
        Assert.Equal(["bob"], (await api.PostAsync("_getBlockedUsers", new { user = "alice" })).Json.EnumerateArray().Select(e => e.GetProperty("user").GetString()));
    }

    [Fact]
    public async Task BlockedUsers_OddUserIds_RoundTripThroughTheKeys()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string[] odd = ["a/b?c#d", "~7E %25", "用户"];
        foreach (string blocked in odd)
        {
            (await api.PostAsync("blockUser", new { user = "x/y", blocked })).AssertStatus(HttpStatusCode.OK);
        }

        ApiResponse list = await api.PostAsync("_getBlockedUsers", new { user = "x/y" });

        Assert.Equal(odd.Order(StringComparer.Ordinal), list.Json.EnumerateArray().Select(e => e.GetProperty("user").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("[]", (await api.PostAsync("_getConversationsForUser", new { user = "x/y" })).Text); // block rows are not inbox entries
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "blockUser", "{\"user\":\"alice\",\"blocked\":\"alice\"}", "You cannot block yourself: blocked must be another user." },
        { "blockUser", "{\"user\":\"alice\"}", "" },
        { "blockUser", "{\"user\":\"alice\",\"blocked\":\" \"}", "blocked must not be empty or blank." },
        { "blockUser", "{\"user\":\"alice\",\"blocked\":\"bob\",\"reason\":\"\"}", "reason must not be empty or blank; leave it out for none." },
        { "blockUser", "{\"user\":\"alice\",\"blocked\":\"bob\",\"reason\":\"" + new string('x', 201) + "\"}", "reason must be at most 200 characters (Unicode scalar values)." },
        { "blockUser", "{\"user\":\"alice\",\"blocked\":\"bob\",\"reason\":\"a\\u0007b\"}", "reason must not contain control characters." },
        { "blockUser", "{\"user\":\"alice\",\"blocked\":\"bob\",\"reason\":7}", "" },
        { "blockUser", "{\"blocked\":\"bob\"}", "user is required." },
        { "unblockUser", "{\"user\":\"alice\",\"blocked\":\"alice\"}", "You cannot block yourself: blocked must be another user." },
        { "unblockUser", "{\"user\":\"alice\"}", "" },
        { "_getBlockedUsers", "{}", "user is required." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_400WithErrorAndNothingChanges(string action, string body, string expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob", reason = "before" })).AssertStatus(HttpStatusCode.OK);
        string before = (await api.PostAsync("_getBlockedUsers", new { user = "alice" })).Text;

        ApiResponse response = await api.PostRawAsync(action, body);

        string error = response.AssertError(HttpStatusCode.BadRequest);
        if (expected.Length > 0)
        {
            Assert.Equal(expected, error);
        }
        Assert.Equal(before, (await api.PostAsync("_getBlockedUsers", new { user = "alice" })).Text);
    }

    [Fact]
    public async Task Reason_200Emoji_Accepted()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string reason = string.Concat(Enumerable.Repeat("😀", 200)); // 400 UTF-16 code units, 200 characters

        ApiResponse response = await api.PostAsync("blockUser", new { user = "alice", blocked = "bob", reason });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(reason, Text(response, "reason"));
    }

    [Fact]
    public async Task WithTokens_ActingAsSomeoneElse_403AndNothingChanges()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var alice = new ApiClient(app.CreateClient().As(Tokens.For("alice")));
        using var bob = new ApiClient(app.CreateClient().As(Tokens.For("bob")));
        using var admin = new ApiClient(app.CreateClient().As(Tokens.For("root", ["admin"])));

        ApiResponse own = await alice.PostAsync("blockUser", new { blocked = "mallory" }); // user left out: the caller
        own.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("alice", Text(own, "user"));

        Assert.Equal("user must be the authenticated user.", (await alice.PostAsync("blockUser", new { user = "bob", blocked = "carol" })).AssertError(HttpStatusCode.Forbidden));
        (await bob.PostAsync("unblockUser", new { user = "alice", blocked = "mallory" })).AssertError(HttpStatusCode.Forbidden);
        (await bob.PostAsync("_getBlockedUsers", new { user = "alice" })).AssertError(HttpStatusCode.Forbidden);
        (await admin.PostAsync("_getBlockedUsers", new { user = "alice" })).AssertError(HttpStatusCode.Forbidden); // a private list, even for admins

        Assert.Equal("[]", (await bob.PostAsync("_getBlockedUsers", new { })).Text);
        ApiResponse list = await alice.PostAsync("_getBlockedUsers", new { });
        Assert.Equal(["mallory"], list.Json.EnumerateArray().Select(e => e.GetProperty("user").GetString()));
        // mallory cannot start a conversation with alice; alice is told why she cannot either.
        using var mallory = new ApiClient(app.CreateClient().As(Tokens.For("mallory")));
        Assert.Equal(CannotMessage, (await mallory.PostAsync("createConversation", new { user2 = "alice" })).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(YouBlocked, (await alice.PostAsync("createConversation", new { user2 = "mallory" })).AssertError(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task CreateConversation_EitherSideBlocked_403AndNoConversation()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(CannotMessage, (await api.PostAsync("createConversation", new { user1 = "bob", user2 = "alice" })).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(YouBlocked, (await api.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" })).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal("[]", (await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Text);
        Assert.Equal("[]", (await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Text);
        Assert.Equal("[]", (await api.PostAsync("_getAllConversations")).Text);
        (await api.PostAsync("createConversation", new { user1 = "bob", user2 = "carol" })).AssertStatus(HttpStatusCode.OK); // others are unaffected

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await api.CreateConversationAsync("bob", "alice");
    }

    [Fact]
    public async Task SendMessage_BlockedEitherWay_403AndNothingStored_UntilUnblocked()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string other = await api.CreateConversationAsync("alice", "carol");
        await api.SendAsync(id, "bob", "hi");

        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(CannotMessage, (await Send(api, id, "bob", "are you there?")).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(YouBlocked, (await Send(api, id, "alice", "bye")).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(["hi"], await ContentsAsync(api, id));
        await api.SendAsync(other, "alice", "still talking to carol");
        // The conversation itself stays readable to both.
        (await api.PostAsync("_getConversation", new { conversationId = id })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await api.SendAsync(id, "bob", "again");
        await api.SendAsync(id, "alice", "ok");
        Assert.Equal(["hi", "again", "ok"], await ContentsAsync(api, id));
    }

    [Fact]
    public async Task SendMessage_BothBlock_StaysRefusedUntilBothUnblock()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("blockUser", new { user = "bob", blocked = "alice" })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        // bob's block still stands: alice's unblock cleared only her side.
        Assert.Equal(CannotMessage, (await Send(api, id, "alice", "hello?")).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(YouBlocked, (await Send(api, id, "bob", "no")).AssertError(HttpStatusCode.Forbidden));
        (await api.PostAsync("unblockUser", new { user = "bob", blocked = "alice" })).AssertStatus(HttpStatusCode.OK);
        await api.SendAsync(id, "alice", "hello");
    }

    [Fact]
    public async Task SendMessage_BlockThroughAnotherServer_RefusedWhereTheHeaderWasRemembered()
    {
        // Two servers on one table: the second remembers the header (with its ETag) from its own sends.
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, first.TableName);
        using ApiClient one = first.Api();
        using ApiClient two = second.Api();
        string id = await one.CreateConversationAsync("alice", "bob");
        await two.SendAsync(id, "bob", "1");
        await two.SendAsync(id, "bob", "2");

        (await one.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(CannotMessage, (await Send(two, id, "bob", "3")).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(["1", "2"], await ContentsAsync(one, id));

        // And the other way: the second server now remembers a blocked header, which an unblock elsewhere lifts.
        (await one.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        await two.SendAsync(id, "bob", "4");
        Assert.Equal(["1", "2", "4"], await ContentsAsync(one, id));
    }

    [Fact]
    public async Task SendMessage_RetriedClientMessageIdWhileBlocked_Refused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        var keyed = new { conversationId = id, sender = "bob", content = "hi", clientMessageId = "k1" };
        (await api.PostAsync("sendMessage", keyed)).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(CannotMessage, (await api.PostAsync("sendMessage", keyed with { clientMessageId = "k2" })).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal(["hi"], await ContentsAsync(api, id));
    }

    private static Task<ApiResponse> Send(ApiClient api, string conversationId, string sender, string content) =>
        api.PostAsync("sendMessage", new { conversationId, sender, content });

    private static async Task<string[]> ContentsAsync(ApiClient api, string conversationId) =>
        [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId })).Json.EnumerateArray().Select(m => m.GetProperty("content").GetString()!)];

    private static string? Text(ApiResponse response, string property) => response.Json.GetProperty(property).GetString();
}
