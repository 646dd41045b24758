using System.Text.Json;
using Messaging.Core.Messages;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Messages;

/// <summary>Racing sends leave unique ids and a gapless sequence.</summary>
public class SendMessageConcurrencyTests(AzuriteFixture azurite)
{
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
            sent.Select(JsonShape.Shared).Order(StringComparer.Ordinal),
            messages.Select(JsonShape.Shared).Order(StringComparer.Ordinal));
    }

    private static long Seq(string messageId)
    {
        Assert.True(MessageId.TryParse(messageId, out _, out long seq));
        return seq;
    }
}
