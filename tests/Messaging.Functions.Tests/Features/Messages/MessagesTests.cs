using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Messages;

/// <summary>sendMessage and the message queries over HTTP against a real Azurite.</summary>
public class MessagesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendMessage_Participant_ReturnsTheMessage()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "Hello, Alice! ✨" });

        response.AssertStatus(HttpStatusCode.OK);
        JsonShape.AssertProperties(response.Json, "message");
        JsonElement message = response.Json.GetProperty("message");
        JsonShape.AssertProperties(message, "_id", "conversationId", "sender", "content", "sentAt", "type", "reactions", "status");
        Assert.Equal(id, message.GetProperty("conversationId").GetString());
        Assert.Equal("bob", message.GetProperty("sender").GetString());
        Assert.Equal("Hello, Alice! ✨", message.GetProperty("content").GetString());
        Assert.Matches(JsonShape.IsoMilliseconds(), message.GetProperty("sentAt").GetString());
    }

    [Fact]
    public async Task GetMessagesInConversation_SeveralMessages_AllInSendOrder()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string other = await api.CreateConversationAsync("alice", "carol");
        var sent = new List<JsonElement>();
        for (int i = 0; i < 12; i++)
        {
            sent.Add(await api.SendAsync(id, i % 2 == 0 ? "alice" : "bob", $"message {i}"));
        }
        await api.SendAsync(other, "carol", "elsewhere");

        ApiResponse response = await api.PostAsync("_getMessagesInConversation", new { conversationId = id });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(sent.Select(JsonShape.Shared), response.Json.EnumerateArray().Select(JsonShape.Shared));
        string[] times = [.. response.Json.EnumerateArray().Select(m => m.GetProperty("sentAt").GetString()!)];
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    public async Task GetMessagesInConversation_NoMessages_EmptyArray()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostAsync("_getMessagesInConversation", new { conversationId = id });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, response.Json.ValueKind);
        Assert.Empty(response.Json.EnumerateArray());
    }

    [Fact]
    public async Task GetMessageDetails_SentMessage_ReturnsItInAnArray()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "first");
        JsonElement second = await api.SendAsync(id, "bob", "second");

        ApiResponse response = await api.PostAsync("_getMessageDetails", new { messageId = second.GetProperty("_id").GetString() });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonShape.Shared(second), JsonShape.Shared(Assert.Single(response.Json.EnumerateArray())));
    }

    [Fact]
    public async Task SendMessage_LongContent_AcceptedUpToTheLimit()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string longest = string.Concat(Enumerable.Repeat("\"ü😀\\ ", Core.MessagingLimits.MaxContentLength / 6));

        JsonElement message = await api.SendAsync(id, "alice", longest);
        ApiResponse details = await api.PostAsync("_getMessageDetails", new { messageId = message.GetProperty("_id").GetString() });

        Assert.True(longest.Length >= 8000);
        Assert.Equal(longest, Assert.Single(details.Json.EnumerateArray()).GetProperty("content").GetString());
    }
}
