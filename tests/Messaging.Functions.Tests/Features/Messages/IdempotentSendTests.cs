using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Messages;

/// <summary>A send retried with the same clientMessageId stores nothing new.</summary>
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

    [Theory]
    [InlineData("\"\"")]
    [InlineData("5")]
    [InlineData("\"has\\u0001control\"")]
    [InlineData("\"0123456789012345678901234567890123456789012345678901234567890123456789\"")]
    public async Task SendMessage_BadClientMessageId_BadRequest(string clientMessageId)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostRawAsync("sendMessage", $"{{\"conversationId\":\"{id}\",\"sender\":\"alice\",\"content\":\"x\",\"clientMessageId\":{clientMessageId}}}");

        response.AssertError(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
    }
}
