using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Messages;

/// <summary>What a message carries besides text: its type, an app's payload, attachments, and the message it replies to.</summary>
public class MessageContentTests(AzuriteFixture azurite)
{
    private static async Task<int> CountAsync(ApiClient api, string conversationId) =>
        (await api.PostAsync("_getMessagesInConversation", new { conversationId })).Json.GetArrayLength();

    [Fact]
    public async Task Type_DefaultsToText_AnyLabelIsKept_EverywhereTheMessageIsRead()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        JsonElement plain = await api.SendAsync(id, "alice", "hi");
        JsonElement money = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "lunch", type = "splitMoney" }))
            .Json.GetProperty("message");

        Assert.Equal("text", plain.GetProperty("type").GetString());
        Assert.Equal("splitMoney", money.GetProperty("type").GetString());
        JsonElement details = (await api.PostAsync("_getMessageDetails", new { messageId = money.GetProperty("_id").GetString() })).Json[0];
        Assert.Equal("splitMoney", details.GetProperty("type").GetString());
        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray()];
        Assert.Equal(["text", "splitMoney"], history.Select(m => m.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("Image")]
    [InlineData("1image")]
    [InlineData("image file")]
    [InlineData("image\n")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")] // 33 characters
    public async Task Type_ReservedOrMalformed_Refused_NothingStored(string type)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        string error = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "x", type })).AssertError(HttpStatusCode.BadRequest);

        Assert.Contains("type", error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(api, id));
    }

    [Fact]
    public async Task Payload_StoredAndReturnedAsSent_InTheSendHistoryAndDetails()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        const string payload = """{"amount":12.50,"currency":"EUR","split":[{"user":"bob","share":0.5}],"note":"café ☕","big":12345678901234567890,"none":null}""";

        ApiResponse sent = await api.PostRawAsync("sendMessage", $$"""{"conversationId":"{{id}}","sender":"alice","content":"","type":"splitMoney","payload": {{payload}} }""");

        sent.AssertStatus(HttpStatusCode.OK);
        JsonElement message = sent.Json.GetProperty("message");
        Assert.Equal(payload, message.GetProperty("payload").GetRawText());
        Assert.Equal("", message.GetProperty("content").GetString());
        JsonElement stored = (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json[0];
        Assert.Equal(payload, stored.GetProperty("payload").GetRawText());
        Assert.Equal(payload, (await api.PostAsync("_getMessageDetails", new { messageId = message.GetProperty("_id").GetString() })).Json[0].GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task Payload_UpTo4096BytesAccepted_OneMoreRefused_NonObjectsRefused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        // {"t":"…"} is 8 bytes around the text; "é" is two bytes of UTF-8.
        string fits = $$"""{"t":"{{new string('é', 2044)}}"}""";
        string tooBig = $$"""{"t":"{{new string('é', 2044)}}x"}""";

        (await api.PostRawAsync("sendMessage", $$"""{"conversationId":"{{id}}","sender":"alice","content":"a","payload":{{fits}}}""")).AssertStatus(HttpStatusCode.OK);
        string error = (await api.PostRawAsync("sendMessage", $$"""{"conversationId":"{{id}}","sender":"alice","content":"b","payload":{{tooBig}}}""")).AssertError(HttpStatusCode.BadRequest);
        Assert.Contains("4096", error, StringComparison.Ordinal);
        foreach (string notObject in new[] { "[1,2]", "\"text\"", "42", "true" })
        {
            (await api.PostRawAsync("sendMessage", $$"""{"conversationId":"{{id}}","sender":"alice","content":"c","payload":{{notObject}}}""")).AssertError(HttpStatusCode.BadRequest);
        }
        Assert.Equal(1, await CountAsync(api, id));
    }

    [Fact]
    public async Task Attachments_MetadataKept_ContentMayThenBeEmpty()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        var attachments = new object[]
        {
            new { url = "https://files.example.com/a/photo.jpg", name = "photo.jpg", contentType = "image/jpeg", size = 123_456 },
            new { url = "https://files.example.com/b?sig=x%20y" },
        };

        ApiResponse sent = await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", type = "image", attachments });

        sent.AssertStatus(HttpStatusCode.OK);
        JsonElement stored = (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json[0];
        Assert.Equal(
            """[{"url":"https://files.example.com/a/photo.jpg","name":"photo.jpg","contentType":"image/jpeg","size":123456},{"url":"https://files.example.com/b?sig=x%20y"}]""",
            stored.GetProperty("attachments").GetRawText());
        Assert.Equal("", stored.GetProperty("content").GetString());
        Assert.Equal(sent.Json.GetProperty("message").GetProperty("attachments").GetRawText(), stored.GetProperty("attachments").GetRawText());
    }

    public static TheoryData<string, string> BadAttachments => new()
    {
        { """[{"url":"http://files.example.com/a.jpg"}]""", "https" },
        { """[{"url":"javascript:alert(1)"}]""", "https" },
        { """[{"url":"/relative/a.jpg"}]""", "https" },
        { """[{"url":"https://"}]""", "https" },
        { """[{"name":"no url"}]""", "url" },
        { """[{"url":"https://x.example/a","size":-1}]""", "size" },
        { """[{"url":"https://x.example/a","contentType":"image"}]""", "contentType" },
        { """[{"url":"https://x.example/a","name":"  "}]""", "name" },
        { "[" + string.Join(",", Enumerable.Repeat("""{"url":"https://x.example/a"}""", 11)) + "]", "10" },
        { "[{\"url\":\"https://x.example/" + new string('a', 2031) + "\"}]", "2048" },
    };

    [Theory]
    [MemberData(nameof(BadAttachments))]
    public async Task Attachments_Invalid_Refused_NothingStored(string attachments, string mentioned)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        string error = (await api.PostRawAsync("sendMessage", $$"""{"conversationId":"{{id}}","sender":"alice","content":"x","attachments":{{attachments}}}"""))
            .AssertError(HttpStatusCode.BadRequest);

        Assert.Contains(mentioned, error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(api, id));
    }

    [Fact]
    public async Task Content_EmptyWithoutAttachmentsOrPayload_Refused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "", attachments = Array.Empty<object>() })).AssertError(HttpStatusCode.BadRequest);

        Assert.Equal(0, await CountAsync(api, id));
    }

    [Fact]
    public async Task ClientMessageId_RetryWithOtherTypeOrPayload_Conflict_SameRetry_Original()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        var first = new { conversationId = id, sender = "alice", content = "x", clientMessageId = "k1", type = "note", payload = new { a = 1 } };

        JsonElement original = (await api.PostAsync("sendMessage", first)).Json.GetProperty("message");
        JsonElement retried = (await api.PostAsync("sendMessage", first)).Json.GetProperty("message");
        ApiResponse otherType = await api.PostAsync("sendMessage", first with { type = "task" });
        ApiResponse otherPayload = await api.PostAsync("sendMessage", new { first.conversationId, first.sender, first.content, first.clientMessageId, first.type, payload = new { a = 2 } });

        Assert.Equal(original.GetRawText(), retried.GetRawText());
        otherType.AssertError(HttpStatusCode.Conflict);
        otherPayload.AssertError(HttpStatusCode.Conflict);
        Assert.Equal(1, await CountAsync(api, id));
    }

    [Fact]
    public async Task Reply_CarriesTheOriginalsIdSenderAndPreview()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string original = (await api.SendAsync(id, "alice", "Are we still on for Friday?")).GetProperty("_id").GetString()!;

        ApiResponse reply = await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "Yes!", replyTo = original });

        reply.AssertStatus(HttpStatusCode.OK);
        string expected = $$"""{"_id":"{{original}}","sender":"alice","preview":"Are we still on for Friday?"}""";
        Assert.Equal(expected, reply.Json.GetProperty("message").GetProperty("replyTo").GetRawText());
        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray()];
        Assert.False(history[0].TryGetProperty("replyTo", out _));
        Assert.Equal(expected, history[1].GetProperty("replyTo").GetRawText());
    }

    [Fact]
    public async Task Reply_PreviewIsAtMost100Characters_NeverSplittingOne()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        const string family = "👨‍👩‍👧‍👦"; // 7 scalar values, one character on screen
        string[] originals =
        [
            new string('a', 99) + family + "tail", // the family would pass 100: it is left out whole
            new string('b', 98) + "é\u0301xyz",   // 'e' with an acute plus a combining acute: two values, kept together
            new string('c', 99) + "😀😀",          // surrogate pairs count once each
        ];
        string[] expected = [new string('a', 99), new string('b', 98) + "é\u0301", new string('c', 99) + "😀"];

        for (int i = 0; i < originals.Length; i++)
        {
            string original = (await api.SendAsync(id, "alice", originals[i])).GetProperty("_id").GetString()!;
            JsonElement reply = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "re", replyTo = original }))
                .Json.GetProperty("message").GetProperty("replyTo");
            Assert.Equal(expected[i], reply.GetProperty("preview").GetString());
        }
    }

    [Fact]
    public async Task Reply_ToAMessageTheSenderCannotSee_Refused_NothingStored()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string elsewhere = await api.CreateConversationAsync("alice", "carol");
        string other = (await api.SendAsync(elsewhere, "alice", "private")).GetProperty("_id").GetString()!;
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "G", members = new[] { "bob" } }))
            .Json.GetProperty("conversationId").GetString()!;
        string beforeCarol = (await api.SendAsync(group, "alice", "before carol")).GetProperty("_id").GetString()!;
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "x", replyTo = other })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "x", replyTo = id + "-7" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "x", replyTo = "nonsense" })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("sendMessage", new { conversationId = group, sender = "carol", content = "x", replyTo = beforeCarol })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("sendMessage", new { conversationId = group, sender = "bob", content = "x", replyTo = beforeCarol })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, await CountAsync(api, id));
        Assert.Equal(3, await CountAsync(api, group)); // the message, carol's joining, bob's reply
    }

    [Fact]
    public async Task Reply_FollowsItsOriginal_EditedThenDeleted()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string original = (await api.SendAsync(id, "alice", "first words")).GetProperty("_id").GetString()!;
        string reply = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "re", replyTo = original }))
            .Json.GetProperty("message").GetProperty("_id").GetString()!;
        string secondReply = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "re 2", replyTo = original }))
            .Json.GetProperty("message").GetProperty("_id").GetString()!;

        (await api.PostAsync("editMessage", new { messageId = original, user = "alice", content = "better words" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("better words", (await DetailsAsync(api, reply)).GetProperty("replyTo").GetProperty("preview").GetString());
        Assert.Equal("better words", (await DetailsAsync(api, secondReply)).GetProperty("replyTo").GetProperty("preview").GetString());

        (await api.PostAsync("deleteMessage", new { messageId = original, user = "alice" })).AssertStatus(HttpStatusCode.OK);
        string deleted = $$"""{"_id":"{{original}}","sender":"alice","deleted":true}""";
        Assert.Equal(deleted, (await DetailsAsync(api, reply)).GetProperty("replyTo").GetRawText());
        Assert.Equal(deleted, (await DetailsAsync(api, secondReply)).GetProperty("replyTo").GetRawText());

        // A reply to a deleted message is still possible (it may have been typed before the delete), and says so.
        JsonElement late = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "too late", replyTo = original })).Json.GetProperty("message");
        Assert.Equal(deleted, late.GetProperty("replyTo").GetRawText());
    }

    private static async Task<JsonElement> DetailsAsync(ApiClient api, string messageId) =>
        (await api.PostAsync("_getMessageDetails", new { messageId })).Json[0];
}
