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
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        string table = azurite.NewTableName();
        // No publisher work in the background, so every counted request belongs to the call under test.
        await using var app = new MessagingApp(azurite, table, services =>
        {
            services.UseTableClient(_ => new TableClient(azurite.ConnectionString, table, options));
            services.UsePublisher(new DroppingPublisher());
        });
        using ApiClient api = app.Api();
        await api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken); // creates the table

        async Task<int> Count(Func<Task> call)
        {
            counter.Reset();
            await call();
            return counter.Count;
        }

        string id = "";
        string messageId = "";
        Assert.Equal(2, await Count(async () => id = await api.CreateConversationAsync("alice", "bob")));
        Assert.Equal(2, await Count(async () => messageId = (await api.SendAsync(id, "alice", "hi")).GetProperty("_id").GetString()!));
        Assert.Equal(1, await Count(() => api.PostAsync("_getConversation", new { conversationId = id })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessagesInConversation", new { conversationId = id })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getConversationsForUser", new { user = "alice" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getMessageDetails", new { messageId })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getAllConversations")));
        Assert.Equal(1, await Count(() => api.PostAsync("_getAllMessages")));
        Assert.Equal(2, await Count(() => api.PostAsync("markRead", new { conversationId = id, user = "bob" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getUnreadCounts", new { user = "bob" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getReadReceipts", new { conversationId = id })));
        Assert.Equal(1, await Count(() => api.PostAsync("typing", new { conversationId = id, user = "bob", isTyping = true })));
        var keyed = new { conversationId = id, sender = "alice", content = "keyed", clientMessageId = "k" };
        Assert.Equal(2, await Count(() => api.PostAsync("sendMessage", keyed)));
        Assert.Equal(2, await Count(() => api.PostAsync("sendMessage", keyed))); // the retry: read, then the original message
        Assert.Equal(2, await Count(() => api.PostAsync("sendMessage", keyed with { content = "other" }))); // the same for a reused key (409)
        Assert.Equal(0, await Count(() => api.PostAsync("_getConversation", new { conversationId = "not-ours" })));
    }

    [Fact]
    public async Task CreateConversation_WithItsFanOut_WritesEachInboxEntryOnce()
    {
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        string table = azurite.NewTableName();
        await using var app = new MessagingApp(azurite, table, services =>
            services.UseTableClient(_ => new TableClient(azurite.ConnectionString, table, options)));
        using ApiClient api = app.Api();
        await api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken); // creates the table

        counter.Reset();
        await api.CreateConversationAsync("alice", "bob");

        // Locally the fan-out runs before the answer: pair row and batch, one inbox write per participant,
        // and the outbox row's deletion. Nothing else writes the inbox.
        await Eventually.TrueAsync(() => Task.FromResult(counter.Count >= 5));
        Assert.Equal(5, counter.Count);
    }
}
