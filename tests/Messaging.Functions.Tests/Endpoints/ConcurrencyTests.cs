using System.Net;
using System.Text.Json;
using Messaging.Core.Messages;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Endpoints;

/// <summary>Racing requests leave the data correct.</summary>
public class ConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateConversation_TenRacingForOnePairInMixedOrders_ExactlyOneSucceeds()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            api.PostAsync("createConversation", i % 2 == 0 ? new { user1 = "alice", user2 = "bob" } : new { user1 = "bob", user2 = "alice" })));

        ApiResponse winner = Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        string id = winner.Json.GetProperty("conversationId").GetString()!;
        Assert.All(responses.Where(r => r != winner), r => Assert.Contains(id, r.AssertError(HttpStatusCode.Conflict), StringComparison.Ordinal));
        ApiResponse all = await api.PostAsync("_getAllConversations");
        Assert.Equal(id, Assert.Single(all.Json.EnumerateArray()).GetProperty("_id").GetString());
        foreach (string user in new[] { "alice", "bob" })
        {
            ApiResponse mine = await api.PostAsync("_getConversationsForUser", new { user });
            Assert.Equal(id, Assert.Single(mine.Json.EnumerateArray()).GetProperty("_id").GetString());
        }
    }

    [Fact]
    public async Task CreateConversation_TwoServersRacingForOnePair_ExactlyOneSucceeds()
    {
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, first.TableName);
        using ApiClient a = first.Api();
        using ApiClient b = second.Api();

        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? a : b).PostAsync("createConversation", i % 3 == 0 ? new { user1 = "alice", user2 = "bob" } : new { user1 = "bob", user2 = "alice" })));

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => r.AssertError(HttpStatusCode.Conflict));
        Assert.Single((await a.PostAsync("_getAllConversations")).Json.EnumerateArray());
    }

    [Fact]
    public async Task SendMessage_FiftyConcurrent_UniqueIdsGaplessSequenceOrderedTimes()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        JsonElement[] sent = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => api.SendAsync(id, i % 2 == 0 ? "alice" : "bob", $"message {i}")));

        await AssertGaplessAsync(api, id, sent);
    }

    [Fact]
    public async Task SendMessage_TwoServersRacing_GaplessSequence()
    {
        // Two app instances share the table but not their in-process locks: only the ETag keeps order.
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, first.TableName);
        using ApiClient a = first.Api();
        using ApiClient b = second.Api();
        string id = await a.CreateConversationAsync("alice", "bob");

        JsonElement[] sent = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).SendAsync(id, "alice", $"message {i}")));

        await AssertGaplessAsync(a, id, sent);
    }

    private static async Task AssertGaplessAsync(ApiClient api, string conversationId, JsonElement[] sent)
    {
        Assert.Equal(sent.Length, sent.Select(m => m.GetProperty("_id").GetString()).Distinct().Count());
        ApiResponse stored = await api.PostAsync("_getMessagesInConversation", new { conversationId });
        JsonElement[] messages = [.. stored.Json.EnumerateArray()];
        long[] seqs = [.. messages.Select(m => Seq(m.GetProperty("_id").GetString()!))];
        Assert.Equal(Enumerable.Range(1, sent.Length).Select(i => (long)i), seqs);
        string[] times = [.. messages.Select(m => m.GetProperty("sentAt").GetString()!)];
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Equal(
            sent.Select(m => m.GetRawText()).Order(StringComparer.Ordinal),
            messages.Select(m => m.GetRawText()).Order(StringComparer.Ordinal));
    }

    private static long Seq(string messageId)
    {
        Assert.True(MessageId.TryParse(messageId, out _, out long seq));
        return seq;
    }
}
