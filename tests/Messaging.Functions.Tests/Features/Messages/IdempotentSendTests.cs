using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Messages;

/// <summary>A send retried with the same clientMessageId stores nothing new; the key reused for other content is a 409.</summary>
public class IdempotentSendTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendMessage_RetriedWithSameClientMessageId_ReturnsOriginal()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse first = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "once", clientMessageId = "c-1" });
        ApiResponse retry = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "once", clientMessageId = "c-1" });
        ApiResponse otherKey = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "twice", clientMessageId = "c-2" });
        ApiResponse otherSender = await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "mine", clientMessageId = "c-1" });

        first.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(first.Text, retry.Text);
        Assert.NotEqual(first.Text, otherKey.Text);
        Assert.NotEqual(first.Text, otherSender.Text);
        Assert.Equal(3, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
    }

    [Fact]
    public async Task SendMessage_ConcurrentRetriesWithSameKey_OneMessage()
    {
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, first.TableName);
        using ApiClient a = first.Api();
        using ApiClient b = second.Api();
        string id = await a.CreateConversationAsync("alice", "bob");

        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "retry me", clientMessageId = "same" })));

        Assert.All(responses, r => r.AssertStatus(HttpStatusCode.OK));
        Assert.Single(responses.Select(r => r.Text).Distinct());
        Assert.Equal(1, (await a.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
    }

    [Fact]
    public async Task SendMessage_SameKeyOtherContent_ConflictNamingTheOriginalAndNothingChanges()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        ApiResponse first = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "pay 10", clientMessageId = "k1" });
        string original = first.Json.GetProperty("message").GetProperty("_id").GetString()!;
        string before = await SnapshotAsync(api, id);

        ApiResponse reused = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "pay 100", clientMessageId = "k1" });
        ApiResponse retry = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "pay 10", clientMessageId = "k1" });

        Assert.Equal($"clientMessageId 'k1' was already used for message {original} with different content.", reused.AssertError(HttpStatusCode.Conflict));
        Assert.Contains("'k1'", reused.Text, StringComparison.Ordinal); // readable, not \u0027k1\u0027
        retry.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(first.Text, retry.Text);
        Assert.Equal(before, await SnapshotAsync(api, id));
    }

    [Fact]
    public async Task SendMessage_NonAsciiKeyReusedForOtherContent_ErrorReadable()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string original = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "один", clientMessageId = "ключ-😀" }))
            .Json.GetProperty("message").GetProperty("_id").GetString()!;

        ApiResponse reused = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "два", clientMessageId = "ключ-😀" });

        reused.AssertError(HttpStatusCode.Conflict);
        Assert.StartsWith($"{{\"error\":\"clientMessageId 'ключ-", reused.Text, StringComparison.Ordinal);
        Assert.EndsWith($"' was already used for message {original} with different content.\"}}", reused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ConcurrentSendsOfOneKeyWithTwoContents_OneMessageTheOthersConflict()
    {
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, first.TableName);
        using ApiClient a = first.Api();
        using ApiClient b = second.Api();
        string id = await a.CreateConversationAsync("alice", "bob");

        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = i < 4 ? "left" : "right", clientMessageId = "same" })));

        JsonElement stored = Assert.Single((await a.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray());
        string winner = stored.GetProperty("content").GetString()!;
        for (int i = 0; i < responses.Length; i++)
        {
            if ((i < 4 ? "left" : "right") == winner)
            {
                responses[i].AssertStatus(HttpStatusCode.OK);
                Assert.Equal(JsonShape.Shared(stored), JsonShape.Shared(responses[i].Json.GetProperty("message")));
            }
            else
            {
                Assert.Equal(
                    $"clientMessageId 'same' was already used for message {stored.GetProperty("_id").GetString()} with different content.",
                    responses[i].AssertError(HttpStatusCode.Conflict));
            }
        }
    }

    [Theory]
    [InlineData("\"\"", "clientMessageId must not be empty or blank.")]
    [InlineData("\" \"", "clientMessageId must not be empty or blank.")]
    [InlineData("\"\\t \\u3000\"", "clientMessageId must not be empty or blank.")]
    [InlineData("5", "clientMessageId must be a string.")]
    [InlineData("\"has\\u0001control\"", "clientMessageId must not contain control characters.")]
    [InlineData("\"0123456789012345678901234567890123456789012345678901234567890123456789\"", "clientMessageId must be at most 64 characters (Unicode scalar values).")]
    public async Task SendMessage_BadClientMessageId_BadRequest(string clientMessageId, string expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostRawAsync("sendMessage", $"{{\"conversationId\":\"{id}\",\"sender\":\"alice\",\"content\":\"x\",\"clientMessageId\":{clientMessageId}}}");

        Assert.Equal(expected, response.AssertError(HttpStatusCode.BadRequest));
        Assert.Equal(0, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
    }

    /// <summary>What a send changes: the messages, both participants' inboxes (unread counts) and read receipts.</summary>
    private static async Task<string> SnapshotAsync(ApiClient api, string conversationId) =>
        (await api.PostAsync("_getMessagesInConversation", new { conversationId })).Text
        + (await api.PostAsync("_getConversationsForUser", new { user = "bob" })).Text
        + (await api.PostAsync("_getUnreadCounts", new { user = "bob" })).Text
        + (await api.PostAsync("_getReadReceipts", new { conversationId })).Text
        + (await api.PostAsync("_getAllMessages")).Text;
}
