using System.Net;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Search;

/// <summary>
/// The index's fan-outs run by hand on events the app dropped (<see cref="CountingApp"/>): in order, out of order and
/// again, the index ends as the messages stand; and what a search costs in storage round trips.
/// </summary>
public class SearchIndexTests(AzuriteFixture azurite)
{
    /// <summary>The search index rows of a conversation's partition, with their ETags (a rewrite changes them).</summary>
    internal static async Task<string[]> IndexRowsAsync(AzuriteFixture azurite, string table, string conversationId)
    {
        var client = new TableClient(azurite.ConnectionString, table);
        var rows = new List<string>();
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {conversationId} and RowKey ge {"sdoc_"} and RowKey lt {"srch`"}"),
            cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add($"{row.RowKey} {row.ETag}");
        }
        return [.. rows];
    }

    private static async Task FanOutAsync(CountingApp counting, IEnumerable<MessagingEvent> events)
    {
        FanOutHandler handler = counting.App.Services.GetRequiredService<FanOutHandler>();
        foreach (MessagingEvent evt in events)
        {
            await handler.HandleAsync(evt, TestContext.Current.CancellationToken);
        }
    }

    private static List<MessagingEvent> Take(CountingApp counting)
    {
        lock (counting.Dropped.Dropped)
        {
            List<MessagingEvent> events = [.. counting.Dropped.Dropped];
            counting.Dropped.Dropped.Clear();
            return events;
        }
    }

    [Fact]
    public async Task Events_OutOfOrderAndReplayed_TheIndexEndsAsTheMessagesStand()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        string id = await api.CreateConversationAsync("alice", "bob");
        string edited = (await api.SendAsync(id, "alice", "alpha original")).GetProperty("_id").GetString()!;
        string deleted = (await api.SendAsync(id, "bob", "alpha doomed")).GetProperty("_id").GetString()!;
        await api.SendAsync(id, "bob", "alpha kept");
        (await api.PostAsync("editMessage", new { messageId = edited, user = "alice", content = "gamma rewritten" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("editMessage", new { messageId = edited, user = "alice", content = "gamma final" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("deleteMessage", new { messageId = deleted, user = "bob" })).AssertStatus(HttpStatusCode.OK);
        List<MessagingEvent> events = Take(counting);

        // Newest first: every stale event (the sends, the first edit) arrives after what superseded it.
        await FanOutAsync(counting, Enumerable.Reverse(events));

        Assert.Equal(["alpha kept"], SearchTests.Contents(await SearchTests.SearchAsync(api, new { user = "bob", query = "alpha" })));
        Assert.Equal(["gamma final"], SearchTests.Contents(await SearchTests.SearchAsync(api, new { user = "bob", query = "gamma" })));
        Assert.Empty(await SearchTests.SearchAsync(api, new { user = "bob", query = "rewritten" }));
        Assert.Empty(await SearchTests.SearchAsync(api, new { user = "bob", query = "original" }));
        string[] rows = await IndexRowsAsync(azurite, counting.App.TableName, id);

        await FanOutAsync(counting, events); // replayed, in order this time
        await FanOutAsync(counting, events.Where((_, i) => i % 2 == 0));

        Assert.Equal(rows, await IndexRowsAsync(azurite, counting.App.TableName, id)); // not one row written again
        Assert.Equal(["alpha kept"], SearchTests.Contents(await SearchTests.SearchAsync(api, new { user = "bob", query = "alpha" })));
    }

    [Fact]
    public async Task Events_InOrder_ThenReplayed_ChangeNothing()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        string id = await api.CreateConversationAsync("alice", "bob");
        string first = (await api.SendAsync(id, "alice", "one two three")).GetProperty("_id").GetString()!;
        (await api.PostAsync("addReaction", new { messageId = first, user = "bob", emoji = "🔥" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("editMessage", new { messageId = first, user = "alice", content = "one two four" })).AssertStatus(HttpStatusCode.OK);
        List<MessagingEvent> events = Take(counting);
        await FanOutAsync(counting, events);
        string[] rows = await IndexRowsAsync(azurite, counting.App.TableName, id);
        Assert.Equal(4, rows.Length); // sdoc_ and one, two, four

        await FanOutAsync(counting, events);

        Assert.Equal(rows, await IndexRowsAsync(azurite, counting.App.TableName, id));
        Assert.Equal("🔥", Assert.Single(await SearchTests.SearchAsync(api, new { user = "bob", query = "four" })).GetProperty("reactions")[0].GetProperty("emoji").GetString());
    }

    [Fact]
    public async Task Search_OneConversation_IsOneQuery_AllOfThem_OneQueryEach()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        string[] conversations = [await api.CreateConversationAsync("alice", "bob"), await api.CreateConversationAsync("alice", "carol"), await api.CreateConversationAsync("alice", "dave")];
        foreach (string id in conversations)
        {
            for (int i = 0; i < 5; i++)
            {
                await api.SendAsync(id, "alice", $"report number {i}");
            }
        }
        await FanOutAsync(counting, Take(counting));

        Assert.Equal(1, await counting.CountAsync(() => SearchTests.SearchAsync(api, new { user = "alice", query = "report 3", conversationId = conversations[1] })));
        Assert.Equal(1, await counting.CountAsync(() => SearchTests.SearchAsync(api, new { user = "alice", query = "report", conversationId = conversations[1], before = $"{conversations[1]}-4", limit = 2 })));
        // The inbox, then one query per conversation.
        Assert.Equal(1 + conversations.Length, await counting.CountAsync(() => SearchTests.SearchAsync(api, new { user = "alice", query = "number re" })));
        Assert.Equal(15, (await SearchTests.SearchAsync(api, new { user = "alice", query = "number re", limit = 100 })).Length);
    }

    [Fact]
    public async Task Send_IsOneIndexWrite()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "counted words here");
        List<MessagingEvent> events = Take(counting);
        await FanOutAsync(counting, events.Where(e => e is not Core.Messages.MessageSent));
        var index = counting.App.Services.GetRequiredService<Core.Search.ISearchIndex>();
        var sent = events.OfType<Core.Messages.MessageSent>().Single();

        Assert.Equal(1, await counting.CountAsync(() => index.AddAsync(sent.Message, TestContext.Current.CancellationToken)));
        Assert.Equal(2, await counting.CountAsync(() => index.AddAsync(sent.Message, TestContext.Current.CancellationToken))); // a replay: the refused insert, then one read
    }
}
