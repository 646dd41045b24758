using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Messaging.Core.Conversations;

namespace Messaging.Functions.Tests.Events;

/// <summary>Nothing is lost when a process dies between two steps.</summary>
public class OutboxTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateConversation_CrashBetweenReservationAndBatch_NextAttemptCompletesIt()
    {
        string table = azurite.NewTableName();
        FaultyTableClient? client = null;
        await using var app = new MessagingApp(azurite, table, services =>
            services.UseTableClient(_ => client = new FaultyTableClient(azurite.ConnectionString, table, new TableClientOptions())));
        using ApiClient api = app.Api();
        await api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken);
        client!.FailNextTransaction = true;

        ApiResponse crashed = await api.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" });
        ApiResponse retried = await api.PostAsync("createConversation", new { user1 = "bob", user2 = "alice" });
        ApiResponse again = await api.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" });

        crashed.AssertStatus(HttpStatusCode.InternalServerError);
        retried.AssertStatus(HttpStatusCode.OK);
        again.AssertError(HttpStatusCode.Conflict);
        string id = retried.Json.GetProperty("conversationId").GetString()!;
        Assert.Equal(id, Assert.Single((await api.PostAsync("_getAllConversations")).Json.EnumerateArray()).GetProperty("_id").GetString());
        Assert.Equal(id, Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Json.EnumerateArray()).GetProperty("_id").GetString());
        await api.SendAsync(id, "alice", "works");
    }

    [Fact]
    public async Task CreateConversation_InboxWriteFailsAndPublishLost_SweeperRestoresInboxes()
    {
        string table = azurite.NewTableName();
        FaultyTableClient? client = null;
        var dropped = new DroppingPublisher();
        await using var app = new MessagingApp(azurite, table, services =>
        {
            services.UseTableClient(_ => client = new FaultyTableClient(azurite.ConnectionString, table, new TableClientOptions()));
            services.UsePublisher(dropped);
        });
        using ApiClient api = app.Api();
        await api.PostAsync("_getConversationsForUser", new { user = "alice" }); // creates the table

        // The request's inbox write dies after the commit, and its publish is lost (the process "crashes").
        client!.FailNextEntityWriteToPartition = "user_";
        ApiResponse created = await api.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" });
        string id = created.Json.GetProperty("conversationId").GetString()!;
        int aliceBeforeSweep = (await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Json.GetArrayLength();
        int bobBeforeSweep = (await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Json.GetArrayLength();
        // The sweeper republishes what the outbox still holds; run the fan-out as the pump would.
        await PendingAsync(app, 1);
        await app.Services.GetRequiredService<OutboxSweep>().RunAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        MessagingEvent republished = dropped.Dropped[^1];
        await app.Services.GetRequiredService<FanOutHandler>().HandleAsync(republished, TestContext.Current.CancellationToken);

        created.AssertStatus(HttpStatusCode.OK); // committed, so answered as created despite the failed write
        Assert.True(aliceBeforeSweep + bobBeforeSweep < 2, "the failure hit one of the two inbox writes");
        Assert.Equal(2, dropped.Dropped.Count);
        Assert.Equal(id, Assert.IsType<ConversationCreated>(republished).ConversationId);
        foreach (string user in new[] { "alice", "bob" })
        {
            ApiResponse mine = await api.PostAsync("_getConversationsForUser", new { user });
            Assert.Equal(id, Assert.Single(mine.Json.EnumerateArray()).GetProperty("_id").GetString());
        }
    }

    [Fact]
    public async Task SendMessage_CrashAfterCommitBeforePublish_SweeperDeliversExactlyOnceInEffect()
    {
        var dropped = new DroppingPublisher();
        string table = azurite.NewTableName();
        await using var crashed = new MessagingApp(azurite, table, services => services.UsePublisher(dropped));
        using ApiClient api = crashed.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        JsonElement message = await api.SendAsync(id, "alice", "survives the crash");
        // A second instance, whose publisher works, finds the event in the outbox.
        await using var survivor = new MessagingApp(azurite, table);
        using ApiClient other = survivor.Api();
        await PendingAsync(survivor, 2);

        int first = await survivor.Services.GetRequiredService<OutboxSweep>().RunAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        await survivor.SettledAsync();
        await survivor.Services.GetRequiredService<FanOutHandler>().HandleAsync(dropped.Dropped[^1], TestContext.Current.CancellationToken); // a duplicate delivery
        int second = await survivor.Services.GetRequiredService<OutboxSweep>().RunAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        await survivor.SettledAsync();

        Assert.Equal(2, first); // ConversationCreated and MessageSent
        Assert.Equal(0, second);
        ApiResponse bob = await other.PostAsync("_getUnreadCounts", new { user = "bob" });
        Assert.Equal(1, Assert.Single(bob.Json.EnumerateArray()).GetProperty("unreadCount").GetInt64());
        ApiResponse alice = await other.PostAsync("_getUnreadCounts", new { user = "alice" });
        Assert.Equal(0, Assert.Single(alice.Json.EnumerateArray()).GetProperty("unreadCount").GetInt64());
        Assert.Equal(message.GetProperty("_id").GetString(), (await other.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json[0].GetProperty("_id").GetString());
    }

    [Fact]
    public async Task SendMessage_Published_OutboxEmptiesAndInboxesMoveForward()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        for (int i = 1; i <= 5; i++)
        {
            await api.SendAsync(id, "alice", $"message {i}");
        }
        var client = new TableClient(azurite.ConnectionString, app.TableName);

        await Eventually.TrueAsync(async () => await CountAsync(client, "RowKey ge 'out_' and RowKey lt 'out`'") == 0);

        await foreach (TableEntity inbox in client.QueryAsync<TableEntity>("RowKey ge 'conv_' and RowKey lt 'conv`'", cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(5L, inbox.GetInt64("LastSeq"));
            Assert.Equal("message 5", inbox.GetString("LastPreview"));
        }
        Assert.Equal(2, await CountAsync(client, "RowKey ge 'conv_' and RowKey lt 'conv`'"));
    }

    /// <summary>
    /// Waits until a sweep with no minimum age would find <paramref name="count"/> events: an outbox row's
    /// Timestamp (the storage clock) must be before the app's now, which the same millisecond is not.
    /// </summary>
    private static Task PendingAsync(MessagingApp app, int count)
    {
        IOutbox outbox = app.Services.GetRequiredService<IOutbox>();
        TimeProvider clock = app.Services.GetRequiredService<TimeProvider>();
        return Eventually.TrueAsync(async () =>
            (await outbox.ListPendingAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken)).Count == count);
    }

    private static async Task<int> CountAsync(TableClient client, string filter)
    {
        int count = 0;
        await foreach (TableEntity _ in client.QueryAsync<TableEntity>(filter, cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }
        return count;
    }
}
