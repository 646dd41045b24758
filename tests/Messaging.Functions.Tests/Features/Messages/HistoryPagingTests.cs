using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Messages;

/// <summary>_getMessagesInConversation with paging fields: cursors, pages from the newest, and what a member may see.</summary>
public class HistoryPagingTests(AzuriteFixture azurite)
{
    private static async Task<(string Id, string[] Messages)> TenAsync(ApiClient api)
    {
        string id = await api.CreateConversationAsync("alice", "bob");
        var messages = new string[10];
        for (int i = 0; i < messages.Length; i++)
        {
            messages[i] = (await api.SendAsync(id, i % 2 == 0 ? "alice" : "bob", $"m{i + 1}")).GetProperty("_id").GetString()!;
        }
        return (id, messages);
    }

    /// <summary>The sequence numbers of the page, in the order given.</summary>
    private static async Task<long[]> SeqsAsync(ApiClient api, object body)
    {
        ApiResponse response = await api.PostAsync("_getMessagesInConversation", body);
        response.AssertStatus(HttpStatusCode.OK);
        return [.. response.Json.EnumerateArray().Select(m => long.Parse(m.GetProperty("_id").GetString()!.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task Cursors_BeforeAndAfter_UpToLimitNextToTheCursor_OldestFirst()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string[] m) = await TenAsync(api);

        Assert.Equal(new long[] { 5, 6, 7 }, await SeqsAsync(api, new { conversationId = id, limit = 3, before = m[7] }));
        Assert.Equal(new long[] { 1 }, await SeqsAsync(api, new { conversationId = id, limit = 3, before = m[1] }));
        Assert.Empty(await SeqsAsync(api, new { conversationId = id, limit = 3, before = m[0] }));
        Assert.Equal(new long[] { 8, 9, 10 }, await SeqsAsync(api, new { conversationId = id, limit = 3, after = m[6] }));
        Assert.Equal(new long[] { 10 }, await SeqsAsync(api, new { conversationId = id, limit = 3, after = m[8] }));
        Assert.Empty(await SeqsAsync(api, new { conversationId = id, limit = 3, after = m[9] }));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, await SeqsAsync(api, new { conversationId = id, before = m[9] })); // limit defaults to 50
    }

    [Fact]
    public async Task Pages_CountedFromTheNewest_EachOldestFirst_WithoutFieldsEverything()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, _) = await TenAsync(api);

        Assert.Equal(new long[] { 7, 8, 9, 10 }, await SeqsAsync(api, new { conversationId = id, page = 1, limit = 4 }));
        Assert.Equal(new long[] { 3, 4, 5, 6 }, await SeqsAsync(api, new { conversationId = id, page = 2, limit = 4 }));
        Assert.Equal(new long[] { 1, 2 }, await SeqsAsync(api, new { conversationId = id, page = 3, limit = 4 }));
        Assert.Empty(await SeqsAsync(api, new { conversationId = id, page = 4, limit = 4 }));
        Assert.Equal(new long[] { 8, 9, 10 }, await SeqsAsync(api, new { conversationId = id, limit = 3 })); // the first page
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, await SeqsAsync(api, new { conversationId = id }));
        JsonElement conversation = (await api.PostAsync("_getConversation", new { conversationId = id })).Json[0];
        Assert.Equal(10, conversation.GetProperty("messageCount").GetInt64());
        Assert.Equal(conversation.GetProperty("lastMessage").GetProperty("sentAt").GetString(), conversation.GetProperty("lastMessageAt").GetString());
    }

    [Fact]
    public async Task Pages_KeepTheirPlace_TombstonesIncluded()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string[] m) = await TenAsync(api);
        (await api.PostAsync("deleteMessage", new { messageId = m[5], user = "bob" })).AssertStatus(HttpStatusCode.OK);

        ApiResponse page = await api.PostAsync("_getMessagesInConversation", new { conversationId = id, page = 2, limit = 4 });

        JsonElement[] messages = [.. page.Json.EnumerateArray()];
        Assert.Equal(4, messages.Length);
        Assert.True(messages[3].GetProperty("deleted").GetBoolean()); // seq 6
        Assert.Equal(10, (await api.PostAsync("_getConversation", new { conversationId = id })).Json[0].GetProperty("messageCount").GetInt64());
    }

    [Fact]
    public async Task Paging_AMemberWhoJoinedLater_SeesOnlyFromTheirJoin()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "G", members = new[] { "bob" } }))
            .Json.GetProperty("conversationId").GetString()!;
        string[] early = new string[4];
        for (int i = 0; i < early.Length; i++)
        {
            early[i] = (await api.SendAsync(group, "alice", $"early {i}")).GetProperty("_id").GetString()!;
        }
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK); // seq 5
        string late = (await api.SendAsync(group, "bob", "late")).GetProperty("_id").GetString()!; // seq 6

        Assert.Equal(new long[] { 5, 6 }, await SeqsAsync(api, new { conversationId = group, user = "carol", limit = 10 }));
        Assert.Equal(new long[] { 5 }, await SeqsAsync(api, new { conversationId = group, user = "carol", limit = 10, before = late }));
        Assert.Empty(await SeqsAsync(api, new { conversationId = group, user = "carol", page = 2, limit = 2 }));
        Assert.Equal(new long[] { 3, 4, 5 }, await SeqsAsync(api, new { conversationId = group, user = "bob", limit = 3, before = late }));
        Assert.Equal(new long[] { 1, 2, 3 }, await SeqsAsync(api, new { conversationId = group, user = "bob", page = 2, limit = 3 }));
        Assert.DoesNotContain(await SeqsAsync(api, new { conversationId = group, user = "carol", limit = 3, after = early[0] }), seq => seq < 5);
    }

    [Theory]
    [InlineData("""{"conversationId":"{id}","limit":0}""", "limit")]
    [InlineData("""{"conversationId":"{id}","limit":201}""", "limit")]
    [InlineData("""{"conversationId":"{id}","limit":true}""", "limit")]
    [InlineData("""{"conversationId":"{id}","page":0,"limit":5}""", "page")]
    [InlineData("""{"conversationId":"{id}","page":1,"before":"{m}"}""", "one of")]
    [InlineData("""{"conversationId":"{id}","before":"{m}","after":"{m}"}""", "one of")]
    [InlineData("""{"conversationId":"{id}","before":"nonsense"}""", "before")]
    [InlineData("""{"conversationId":"{id}","after":"{other}"}""", "after")]
    public async Task Paging_BadFields_ClientError(string body, string mentioned)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string m = (await api.SendAsync(id, "alice", "x")).GetProperty("_id").GetString()!;
        string other = await api.CreateConversationAsync("alice", "carol");
        string otherMessage = (await api.SendAsync(other, "alice", "y")).GetProperty("_id").GetString()!;

        string error = (await api.PostRawAsync("_getMessagesInConversation", body.Replace("{id}", id, StringComparison.Ordinal)
            .Replace("{m}", m, StringComparison.Ordinal).Replace("{other}", otherMessage, StringComparison.Ordinal))).AssertError(HttpStatusCode.BadRequest);

        Assert.Contains(mentioned, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_OneQuery_EveryForm()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        (string id, string[] m) = await TenAsync(api);

        Assert.Equal(1, await counting.CountAsync(() => api.PostAsync("_getMessagesInConversation", new { conversationId = id, limit = 3, before = m[5] })));
        Assert.Equal(1, await counting.CountAsync(() => api.PostAsync("_getMessagesInConversation", new { conversationId = id, limit = 3, after = m[5] })));
        // This server sent the messages, so it remembers where the conversation ends: a page is one query too.
        Assert.Equal(1, await counting.CountAsync(() => api.PostAsync("_getMessagesInConversation", new { conversationId = id, page = 2, limit = 3 })));
    }
}
