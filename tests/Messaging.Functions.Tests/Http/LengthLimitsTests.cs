using System.Net;
using System.Text.Json;
using Messaging.Core;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Http;

/// <summary>Every length limit counts Unicode scalar values: an emoji (a surrogate pair) is one character.</summary>
public class LengthLimitsTests(AzuriteFixture azurite)
{
    private static string Emoji(int count) => string.Concat(Enumerable.Repeat("😀", count));

    [Fact]
    public async Task SendMessage_ContentOfEmojiUpToTheLimit_StoredAndReadBack()
    {
        // The most UTF-16 a message can take (32,000 code units), which must still fit a Table string property.
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string longest = Emoji(MessagingLimits.MaxContentLength);

        JsonElement message = await api.SendAsync(id, "alice", longest);
        ApiResponse details = await api.PostAsync("_getMessageDetails", new { messageId = message.GetProperty("_id").GetString() });

        Assert.Equal(longest, Assert.Single(details.Json.EnumerateArray()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task SendMessage_OneEmojiOverTheLimit_BadRequestAndNothingStored()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse response = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = Emoji(MessagingLimits.MaxContentLength + 1) });

        Assert.Equal("content must be at most 16,000 characters (Unicode scalar values).", response.AssertError(HttpStatusCode.BadRequest));
        Assert.Equal(0, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
    }

    [Fact]
    public async Task UserIds_CountedInScalarValues()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string longest = Emoji(MessagingLimits.MaxUserIdLength);

        string id = await api.CreateConversationAsync(longest, "bob");
        ApiResponse tooLong = await api.PostAsync("createConversation", new { user1 = Emoji(MessagingLimits.MaxUserIdLength + 1), user2 = "bob" });
        ApiResponse sent = await api.PostAsync("sendMessage", new { conversationId = id, sender = longest, content = "hi" });

        Assert.Equal("user1 must be at most 128 characters (Unicode scalar values).", tooLong.AssertError(HttpStatusCode.BadRequest));
        sent.AssertStatus(HttpStatusCode.OK);
        Assert.Single((await api.PostAsync("_getAllConversations")).Json.EnumerateArray());
        Assert.Equal(longest, Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = longest })).Json.EnumerateArray()).GetProperty("participant2").GetString());
    }

    [Fact]
    public async Task ClientMessageId_CountedInScalarValues()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse longest = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "a", clientMessageId = Emoji(MessagingLimits.MaxClientMessageIdLength) });
        ApiResponse tooLong = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "b", clientMessageId = Emoji(MessagingLimits.MaxClientMessageIdLength + 1) });

        longest.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("clientMessageId must be at most 64 characters (Unicode scalar values).", tooLong.AssertError(HttpStatusCode.BadRequest));
        Assert.Equal(1, (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.GetArrayLength());
    }
}
