using Azure.Data.Tables;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features;

/// <summary>The Table Storage round trips each endpoint makes, as the README states them.</summary>
public class RoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Endpoints_RoundTrips_AsDocumented()
    {
        // No publisher work in the background, so every counted request belongs to the call under test.
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        Task<int> Count(Func<Task> call) => counting.CountAsync(call);

        string id = "";
        string messageId = "";
        // Both users' block rows (none), pair row, conversation batch, the block rows again (a block made meanwhile),
        // and both inbox entries (written before the answer).
        Assert.Equal(8, await Count(async () => id = await api.CreateConversationAsync("alice", "bob")));
        // The header is remembered from its creation, so a send is its batch alone.
        Assert.Equal(1, await Count(async () => messageId = (await api.SendAsync(id, "alice", "hi")).GetProperty("_id").GetString()!));
        Assert.Equal(1, await Count(() => api.SendAsync(id, "bob", "hello")));
        Assert.Equal(1, await Count(() => api.PostAsync("_getConversation", new { conversationId = id })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessagesInConversation", new { conversationId = id })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getConversationsForUser", new { user = "alice" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessageDetails", new { messageId })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getAllConversations")));
        Assert.Equal(1, await Count(() => api.PostAsync("_getAllMessages")));
        Assert.Equal(2, await Count(() => api.PostAsync("markRead", new { conversationId = id, user = "alice" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getUnreadCounts", new { user = "bob" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getReadReceipts", new { conversationId = id })));
        Assert.Equal(1, await Count(() => api.PostAsync("typing", new { conversationId = id, user = "bob", isTyping = true })));
        var keyed = new { conversationId = id, sender = "alice", content = "keyed", clientMessageId = "k" };
        Assert.Equal(1, await Count(() => api.PostAsync("sendMessage", keyed)));
        // Cursors and event in one batch; a mark that moves nothing stops after the read and publishes nothing.
        Assert.Equal(2, await Count(() => api.PostAsync("markDelivered", new { conversationId = id, user = "bob" })));
        int published = counting.Dropped.Dropped.Count;
        Assert.Equal(1, await Count(() => api.PostAsync("markDelivered", new { conversationId = id, user = "alice" })));
        Assert.Equal(published, counting.Dropped.Dropped.Count);
        // The header, the member rows, the message and the receipt rows from it on: one query, the status included.
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessageReceipts", new { messageId })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessagesInConversation", new { conversationId = id, user = "alice" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessageDetails", new { messageId, user = "alice" })));
        // The retry: the batch fails on the key's row, then the header and key are read, then the original message.
        Assert.Equal(3, await Count(() => api.PostAsync("sendMessage", keyed)));
        Assert.Equal(3, await Count(() => api.PostAsync("sendMessage", keyed with { content = "other" }))); // the same for a reused key (409)
        Assert.Equal(0, await Count(() => api.PostAsync("_getConversation", new { conversationId = "not-ours" })));
    }

    [Fact]
    public async Task Groups_DeletionAndDirectShortcuts_RoundTrips_AsDocumented()
    {
        // No publisher work in the background, so every counted request belongs to the call under test.
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        Task<int> Count(Func<Task> call) => counting.CountAsync(call);

        string id = "";
        Assert.Equal(1, await Count(async () => id = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "T", members = new[] { "bob" } })).Json.GetProperty("conversationId").GetString()!));
        Assert.Equal(1, await Count(() => api.SendAsync(id, "bob", "hi"))); // membership is in the remembered header
        Assert.Equal(2, await Count(() => api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } })));
        Assert.Equal(1, await Count(() => api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } }))); // nothing to change
        Assert.Equal(1, await Count(() => api.SendAsync(id, "carol", "hello")));
        Assert.Equal(2, await Count(() => api.PostAsync("setMemberRole", new { conversationId = id, actor = "alice", member = "bob", role = "admin" })));
        Assert.Equal(2, await Count(() => api.PostAsync("updateConversation", new { conversationId = id, actor = "bob", title = "T2" })));
        Assert.Equal(2, await Count(() => api.PostAsync("removeMembers", new { conversationId = id, actor = "bob", members = new[] { "carol" } })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMembers", new { conversationId = id })));
        Assert.Equal(2, await Count(() => api.PostAsync("typing", new { conversationId = id, user = "bob", isTyping = true }))); // + who blocks bob
        Assert.Equal(2, await Count(() => api.PostAsync("leaveConversation", new { conversationId = id, user = "bob" })));
        Assert.Equal(2, await Count(() => api.PostAsync("deleteConversation", new { conversationId = id, actor = "alice" })));

        // First use: the pair row (none), createConversation's 8, then the send (header remembered from the creation).
        Assert.Equal(10, await Count(() => api.PostAsync("sendDirectMessage", new { sender = "dave", to = "erin", content = "hi" })));
        Assert.Equal(2, await Count(() => api.PostAsync("sendDirectMessage", new { sender = "erin", to = "dave", content = "hi" })));
        Assert.Equal(2, await Count(() => api.PostAsync("_getDirectConversation", new { user = "dave", other = "erin" })));
    }

    [Fact]
    public async Task Blocking_RoundTrips_AsDocumented_AndSendsStayOneBatch()
    {
        // No publisher work in the background, so every counted request belongs to the call under test.
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        Task<int> Count(Func<Task> call) => counting.CountAsync(call);

        string id = await api.CreateConversationAsync("alice", "bob");
        Assert.Equal(1, await Count(() => api.SendAsync(id, "bob", "1"))); // blocks cost a send nothing
        // Mark the conversation (pair row, header merge), read and write the block row, mark again.
        Assert.Equal(7, await Count(() => api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })));
        Assert.Equal(6, await Count(() => api.PostAsync("blockUser", new { user = "alice", blocked = "bob" }))); // unchanged row: not written
        Assert.Equal(5, await Count(() => api.PostAsync("blockUser", new { user = "alice", blocked = "zed" }))); // no conversation to mark
        // The mark made this server forget the header: one read, which refuses the send.
        Assert.Equal(1, await Count(() => api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "2" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getBlockedUsers", new { user = "alice" })));
        // Delete the row, unmark (pair row, header merge), read the row (a block made meanwhile is marked again).
        Assert.Equal(5, await Count(() => api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })));
        Assert.Equal(2, await Count(() => api.SendAsync(id, "bob", "3"))); // header read, batch
        Assert.Equal(1, await Count(() => api.SendAsync(id, "alice", "4")));
    }

    [Fact]
    public async Task MessageLifecycle_RoundTrips_AsDocumented()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        Task<int> Count(Func<Task> call) => counting.CountAsync(call);
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "v1")).GetProperty("_id").GetString()!;

        // A reply reads the header with the message it answers (one query), then commits its batch.
        Assert.Equal(2, await Count(() => api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "re", replyTo = messageId })));
        // Its batch leaves the header remembered, so the next plain send is one batch again.
        Assert.Equal(1, await Count(() => api.SendAsync(id, "alice", "plain")));
        // An edit or a delete reads the header with the message (one query), then commits one batch.
        Assert.Equal(2, await Count(() => api.PostAsync("editMessage", new { messageId, user = "alice", content = "v2" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessageEdits", new { messageId })));
        Assert.Equal(1, await Count(() => api.PostAsync("editMessage", new { messageId, user = "alice", content = "v2" }))); // unchanged: the read only
        Assert.Equal(2, await Count(() => api.PostAsync("deleteMessage", new { messageId, user = "alice" })));
        Assert.Equal(1, await Count(() => api.PostAsync("deleteMessage", new { messageId, user = "alice" }))); // already deleted
    }

    [Fact]
    public async Task SendMessage_TwoInstances_ColdTwoAndStaleThreeThenOne()
    {
        var counters = new[] { new RequestCounter(), new RequestCounter() };
        string table = azurite.NewTableName();
        MessagingApp Instance(RequestCounter counter)
        {
            var options = new TableClientOptions();
            options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
            return new MessagingApp(azurite, table, services =>
            {
                services.UseTableClient(_ => new TableClient(azurite.ConnectionString, table, options));
                services.UsePublisher(new DroppingPublisher());
            });
        }
        await using MessagingApp first = Instance(counters[0]);
        await using MessagingApp second = Instance(counters[1]);
        using ApiClient one = first.Api();
        using ApiClient two = second.Api();
        string id = await one.CreateConversationAsync("alice", "bob");
        await one.SendAsync(id, "alice", "1");
        await two.PostAsync("_getConversation", new { conversationId = id }); // the second instance finds the table

        async Task<int> Count(int instance, Func<Task> call)
        {
            counters[instance].Reset();
            await call();
            return counters[instance].Count;
        }

        Assert.Equal(2, await Count(1, () => two.SendAsync(id, "bob", "2"))); // never seen: read, batch
        Assert.Equal(1, await Count(1, () => two.SendAsync(id, "bob", "3")));
        Assert.Equal(3, await Count(0, () => one.SendAsync(id, "alice", "4"))); // remembered at 1: batch (412), read, batch
        Assert.Equal(1, await Count(0, () => one.SendAsync(id, "alice", "5")));
        ApiResponse history = await one.PostAsync("_getMessagesInConversation", new { conversationId = id });
        Assert.Equal(["1", "2", "3", "4", "5"], history.Json.EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Equal([1L, 2, 3, 4, 5], history.Json.EnumerateArray().Select(m => long.Parse(m.GetProperty("_id").GetString()!.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task CreateConversationThenSends_FanOutIncluded_FourRequestsPerSend()
    {
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        string table = azurite.NewTableName();
        await using var app = new MessagingApp(azurite, table, services =>
            services.UseTableClient(_ => new TableClient(azurite.ConnectionString, table, options)),
            settings: new Dictionary<string, string?> { ["Outbox:CleanupAfter"] = "00:00:00.300" });
        using ApiClient api = app.Api(); // each call returns once its fan-out has run
        await api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken); // creates the table

        counter.Reset();
        string id = await api.CreateConversationAsync("alice", "bob");
        int created = counter.Reset();
        for (int i = 0; i < 10; i++)
        {
            await api.SendAsync(id, i % 2 == 0 ? "alice" : "bob", $"message {i}");
        }
        int tenSends = counter.Reset();

        // Block rows (twice), pair row and batch, one inbox write per participant (in the request; its fan-out finds
        // them written and writes nothing); the outbox row waits for the next batch.
        Assert.Equal(8, created);
        // Each send: its batch (which also deletes the previous event's outbox row), one inbox write per participant
        // and the search index's batch, with no reads: the server remembers the header and the inbox rows.
        Assert.Equal(40, tenSends);
        // The last event's row, with no batch to ride along with, is deleted on its own shortly after.
        await Eventually.TrueAsync(async () => await OutboxRowsAsync(new TableClient(azurite.ConnectionString, table)) == 0);
        Assert.Equal(1, counter.Count);
    }

    private static async Task<int> OutboxRowsAsync(TableClient client)
    {
        int count = 0;
        await foreach (TableEntity _ in client.QueryAsync<TableEntity>("RowKey ge 'out_' and RowKey lt 'out`'", cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }
        return count;
    }
}
