using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Reads;

/// <summary>markRead, unread counts and read receipts over HTTP against a real Azurite.</summary>
public class ReadsTests(AzuriteFixture azurite)
{
    private static async Task<(string Conversation, string[] Messages)> ThreeFromAliceAsync(ApiClient api)
    {
        string id = await api.CreateConversationAsync("alice", "bob");
        var messages = new string[3];
        for (int i = 0; i < 3; i++)
        {
            messages[i] = (await api.SendAsync(id, "alice", $"m{i}")).GetProperty("_id").GetString()!;
        }
        return (id, messages);
    }

    private static Dictionary<string, long> Counts(ApiResponse response) =>
        response.Json.EnumerateArray().ToDictionary(e => e.GetProperty("conversationId").GetString()!, e => e.GetProperty("unreadCount").GetInt64());

    [Fact]
    public async Task MarkRead_NoMessageId_MovesToTheLatest()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string[] messages) = await ThreeFromAliceAsync(api);

        ApiResponse read = await api.PostAsync("markRead", new { conversationId = id, user = "bob" });

        read.AssertStatus(HttpStatusCode.OK);
        Assert.Equal($$"""{"readUpTo":"{{messages[2]}}","unreadCount":0}""", read.Text);
    }

    [Fact]
    public async Task MarkRead_OlderMessage_NeverMovesBack()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string[] messages) = await ThreeFromAliceAsync(api);

        ApiResponse second = await api.PostAsync("markRead", new { conversationId = id, user = "bob", messageId = messages[1] });
        ApiResponse first = await api.PostAsync("markRead", new { conversationId = id, user = "bob", messageId = messages[0] });

        Assert.Equal($$"""{"readUpTo":"{{messages[1]}}","unreadCount":1}""", second.Text);
        Assert.Equal(second.Text, first.Text);
    }

    [Fact]
    public async Task UnreadCounts_FollowSendsAndReads_SendersOwnMessagesCountAsRead()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string[] messages) = await ThreeFromAliceAsync(api);
        string other = await api.CreateConversationAsync("bob", "carol");

        Dictionary<string, long> bobBefore = Counts(await api.PostAsync("_getUnreadCounts", new { user = "bob" }));
        Dictionary<string, long> alice = Counts(await api.PostAsync("_getUnreadCounts", new { user = "alice" }));
        await api.PostAsync("markRead", new { conversationId = id, user = "bob", messageId = messages[0] });
        Dictionary<string, long> bobAfter = Counts(await api.PostAsync("_getUnreadCounts", new { user = "bob" }));

        Assert.Equal(new Dictionary<string, long> { [id] = 3, [other] = 0 }, bobBefore);
        Assert.Equal(new Dictionary<string, long> { [id] = 0 }, alice);
        Assert.Equal(2, bobAfter[id]);
    }

    [Fact]
    public async Task ReadReceipts_EveryParticipantWithCursorAndTime()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string[] messages) = await ThreeFromAliceAsync(api);

        ApiResponse receipts = await api.PostAsync("_getReadReceipts", new { conversationId = id });

        receipts.AssertStatus(HttpStatusCode.OK);
        JsonElement[] all = [.. receipts.Json.EnumerateArray()];
        Assert.Equal(["alice", "bob"], all.Select(r => r.GetProperty("user").GetString()));
        Assert.Equal(messages[2], all[0].GetProperty("readUpTo").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", all[0].GetProperty("readAt").GetString());
        Assert.Equal(JsonValueKind.Null, all[1].GetProperty("readUpTo").ValueKind);
        Assert.Equal(JsonValueKind.Null, all[1].GetProperty("readAt").ValueKind);
        Assert.All(all, r => Assert.Equal(["readAt", "readUpTo", "user"], r.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("markRead", "{\"conversationId\":\"{conv}\",\"user\":\"mallory\"}", 403)]
    [InlineData("markRead", "{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"messageId\":\"{conv}-99\"}", 404)]
    [InlineData("markRead", "{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"messageId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70-1\"}", 404)]
    [InlineData("markRead", "{\"conversationId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70\",\"user\":\"bob\"}", 404)]
    [InlineData("markRead", "{\"conversationId\":\"{conv}\",\"user\":5}", 400)]
    [InlineData("markRead", "{\"conversationId\":\"{conv}\"}", 400)]
    [InlineData("_getUnreadCounts", "{}", 400)]
    [InlineData("_getReadReceipts", "{}", 400)]
    [InlineData("_getReadReceipts", "{\"conversationId\":\"nope\"}", 404)]
    public async Task BadRequest_ClientErrorAndNothingChanges(string action, string body, int expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, _) = await ThreeFromAliceAsync(api);
        string before = (await api.PostAsync("_getReadReceipts", new { conversationId = id })).Text;

        ApiResponse response = await api.PostRawAsync(action, body.Replace("{conv}", id, StringComparison.Ordinal));

        response.AssertError((HttpStatusCode)expected);
        Assert.Equal(before, (await api.PostAsync("_getReadReceipts", new { conversationId = id })).Text);
    }
}
