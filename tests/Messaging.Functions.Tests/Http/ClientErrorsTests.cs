using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Messaging.Core;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Http;

/// <summary>One app with a conversation (alice, bob) and one message, shared by the rejection cases.</summary>
public sealed class SeededApp(AzuriteFixture azurite) : IAsyncLifetime
{
    private MessagingApp? _app;

    internal ApiClient Api { get; private set; } = null!;

    public string ConversationId { get; private set; } = "";

    public string MessageId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _app = new MessagingApp(azurite);
        Api = _app.Api();
        ConversationId = await Api.CreateConversationAsync("alice", "bob");
        MessageId = (await Api.SendAsync(ConversationId, "alice", "hello")).GetProperty("_id").GetString()!;
    }

    /// <summary>Everything stored, as the admin queries return it.</summary>
    public async Task<string> SnapshotAsync() =>
        (await Api.PostAsync("_getAllConversations")).Text + (await Api.PostAsync("_getAllMessages")).Text
        + (await Api.PostAsync("_getConversationsForUser", new { user = "alice" })).Text;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Every client error is a 4xx with <c>{"error": ...}</c>, and changes nothing.</summary>
public class ClientErrorsTests(SeededApp seeded) : IClassFixture<SeededApp>
{
    private static readonly string LongId = new('u', MessagingLimits.MaxUserIdLength + 1);
    private static readonly string LongContent = new('c', MessagingLimits.MaxContentLength + 1);

    public static TheoryData<string, string, int> Rejections() => new()
    {
        // unreadable or wrongly shaped bodies
        { "createConversation", "{", 400 },
        { "createConversation", "not json", 400 },
        { "createConversation", "[]", 400 },
        { "createConversation", "\"alice\"", 400 },
        { "createConversation", "null", 400 },
        { "createConversation", "{\"user1\":\"alice\"}", 400 },
        { "createConversation", "{\"user2\":\"alice\"}", 400 },
        { "createConversation", "{\"user1\":1,\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":\"alice\",\"user2\":[\"bob\"]}", 400 },
        { "createConversation", "{\"user1\":null,\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":{},\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":true,\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":\"\",\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":\"   \",\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":\"carol\",\"user2\":\"carol\"}", 400 },
        { "createConversation", "{\"user1\":\".\",\"user2\":\"bob\"}", 400 },
        { "createConversation", "{\"user1\":\"alice\",\"user2\":\"..\"}", 400 },
        { "createConversation", $"{{\"user1\":\"{LongId}\",\"user2\":\"bob\"}}", 400 },
        { "createConversation", "{\"user1\":\"alice\",\"user2\":\"bob\"}", 409 },
        { "createConversation", "{\"user1\":\"bob\",\"user2\":\"alice\"}", 409 },
        { "createConversation", new string('[', 100) + new string(']', 100), 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\"}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"\"}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\" \\n\\t \"}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":5}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":null}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"nul\\u0000\"}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"\\ud800\"}", 400 },
        { "sendMessage", $"{{\"conversationId\":\"{{conv}}\",\"sender\":\"alice\",\"content\":\"{LongContent}\"}}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":[],\"content\":\"hi\"}", 400 },
        { "sendMessage", "{\"conversationId\":42,\"sender\":\"alice\",\"content\":\"hi\"}", 400 },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"mallory\",\"content\":\"hi\"}", 403 },
        { "sendMessage", "{\"conversationId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70\",\"sender\":\"alice\",\"content\":\"hi\"}", 404 },
        { "sendMessage", "{\"conversationId\":\"no/such#id?\",\"sender\":\"alice\",\"content\":\"hi\"}", 404 },
        { "_getConversation", "{}", 400 },
        { "_getConversation", "{\"conversationId\":[1]}", 400 },
        { "_getConversation", "{\"conversationId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70\"}", 404 },
        { "_getConversation", "{\"conversationId\":\"' or 1 eq 1 or '\"}", 404 },
        { "_getMessagesInConversation", "{\"conversationId\":null}", 400 },
        { "_getMessagesInConversation", "{\"conversationId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70\"}", 404 },
        { "_getConversationsForUser", "{}", 400 },
        { "_getConversationsForUser", "{\"user\":7}", 400 },
        { "_getConversationsForUser", "{\"user\":\"\"}", 400 },
        { "_getConversationsForUser", $"{{\"user\":\"{LongId}\"}}", 400 },
        { "_getMessageDetails", "{}", 400 },
        { "_getMessageDetails", "{\"messageId\":false}", 400 },
        { "_getMessageDetails", "{\"messageId\":\"{conv}-999\"}", 404 },
        { "_getMessageDetails", "{\"messageId\":\"{conv}-0\"}", 404 },
        { "_getMessageDetails", "{\"messageId\":\"nonsense\"}", 404 },
        { "_getAllConversations", "[]", 400 },
        { "_getAllMessages", "{", 400 },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Post_BadRequest_ClientErrorAndNothingChanges(string action, string body, int expectedStatus)
    {
        string before = await seeded.SnapshotAsync();

        ApiResponse response = await seeded.Api.PostRawAsync(action, body.Replace("{conv}", seeded.ConversationId, StringComparison.Ordinal));

        response.AssertError((HttpStatusCode)expectedStatus);
        Assert.Equal(before, await seeded.SnapshotAsync());
    }

    public static TheoryData<string, string, string> PlainErrors() => new()
    {
        { "createConversation", "{\"user1\":\"carol\",", "The request body is not valid JSON (line 1, byte 17)." },
        { "createConversation", "{\"user1\":\"carol\",\n\"user2\": dave}", "The request body is not valid JSON (line 2, byte 10)." },
        { "createConversation", "{\"user1\":\"carol\",\"user2\":\"dave\"} x", "The request body is not valid JSON (line 1, byte 34)." },
        { "createConversation", new string('[', 17) + new string(']', 17), "The request body is nested more than 16 levels deep." },
        { "createConversation", "{\"user1\":" + new string('[', 16) + new string(']', 16) + ",\"user2\":\"dave\"}", "The request body is nested more than 16 levels deep." },
        { "createConversation", "[\"carol\",\"dave\"]", "The request body must be a JSON object." },
        { "createConversation", "{\"user1\":7,\"user2\":\"dave\"}", "user1 must be a string." },
        { "createConversation", "{\"user2\":\"dave\"}", "user1 is required." },
        { "createConversation", "{\"\\ud800\":1,\"user1\":\"carol\",\"user2\":\"dave\"}", "A field name in the request body is not valid Unicode text." },
        { "createConversation", "{\"user1\":\"carol\",\"user2\":\"   \"}", "user2 must not be empty or blank." },
        { "typing", "{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"isTyping\":\"yes\"}", "isTyping must be true or false." },
        { "_getConversationsForUser", "{\"user\":{\"id\":\"alice\"}}", "user must be a string." },
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"\\ud800\"}", "content must be valid Unicode text." },
    };

    [Theory]
    [MemberData(nameof(PlainErrors))]
    public async Task Post_MalformedBody_PlainWordsWithoutParserInternals(string action, string body, string expected)
    {
        string before = await seeded.SnapshotAsync();

        ApiResponse response = await seeded.Api.PostRawAsync(action, body.Replace("{conv}", seeded.ConversationId, StringComparison.Ordinal));

        Assert.Equal(expected, response.AssertError(HttpStatusCode.BadRequest));
        Assert.Equal(before, await seeded.SnapshotAsync());
    }

    public static TheoryData<string, string> DuplicateFields() => new()
    {
        { "createConversation", "{\"user1\":\"carol\",\"user1\":\"dave\",\"user2\":\"erin\"}" },
        { "createConversation", "{\"user1\":\"carol\",\"user\\u0031\":\"dave\",\"user2\":\"erin\"}" }, // the same name, escaped
        { "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"a\",\"content\":\"b\"}" },
        { "_getConversationsForUser", "{\"user\":\"alice\",\"user\":\"alice\"}" },
    };

    [Theory]
    [MemberData(nameof(DuplicateFields))]
    public async Task Post_FieldGivenTwice_BadRequestNamingItAndNothingChanges(string action, string body)
    {
        string before = await seeded.SnapshotAsync();

        ApiResponse response = await seeded.Api.PostRawAsync(action, body.Replace("{conv}", seeded.ConversationId, StringComparison.Ordinal));

        string error = response.AssertError(HttpStatusCode.BadRequest);
        Assert.Matches("^The field '(user1|content|user)' appears more than once in the request body\\.$", error);
        Assert.Contains("'", response.Text, StringComparison.Ordinal); // written readably, not as \u0027
        Assert.Equal(before, await seeded.SnapshotAsync());
    }

    [Fact]
    public async Task Post_NestedFieldGivenTwice_BadRequest()
    {
        ApiResponse response = await seeded.Api.PostRawAsync("_getConversationsForUser", "{\"user\":\"alice\",\"extra\":{\"a\":1,\"a\":2}}");

        Assert.Equal("The field 'a' appears more than once in the request body.", response.AssertError(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("createConversation")]
    [InlineData("sendMessage")]
    [InlineData("_getConversation")]
    [InlineData("_getMessagesInConversation")]
    [InlineData("_getConversationsForUser")]
    [InlineData("_getAllConversations")]
    [InlineData("_getMessageDetails")]
    [InlineData("_getAllMessages")]
    [InlineData("markRead")]
    [InlineData("_getUnreadCounts")]
    [InlineData("_getReadReceipts")]
    [InlineData("markDelivered")]
    [InlineData("_getMessageReceipts")]
    [InlineData("typing")]
    public async Task Post_EmptyBody_BadRequestOnEveryAction(string action)
    {
        string before = await seeded.SnapshotAsync();

        foreach (byte[] body in (byte[][])[[], " \r\n\t"u8.ToArray(), [0xEF, 0xBB, 0xBF]])
        {
            using var content = new ByteArrayContent(body);
            ApiResponse response = await ApiResponse.ReadAsync(await seeded.Api.Http.PostAsync($"/api/Messaging/{action}", content, TestContext.Current.CancellationToken));

            Assert.Equal("The request body is empty; it must be a JSON object, such as {}.", response.AssertError(HttpStatusCode.BadRequest));
        }
        Assert.Equal(before, await seeded.SnapshotAsync());
    }

    [Fact]
    public async Task Post_BodyStartingWithByteOrderMark_Accepted()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"{{\"conversationId\":\"{seeded.ConversationId}\"}}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        ApiResponse response = await ApiResponse.ReadAsync(await seeded.Api.Http.PostAsync("/api/Messaging/_getConversation", content, TestContext.Current.CancellationToken));

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(seeded.ConversationId, Assert.Single(response.Json.EnumerateArray()).GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Post_ErrorAboutNonAsciiText_WrittenReadably()
    {
        ApiResponse nonAscii = await seeded.Api.PostRawAsync("_getConversationsForUser", "{\"user\":\"alice\",\"ключ\":1,\"ключ\":2}");

        nonAscii.AssertError(HttpStatusCode.BadRequest);
        Assert.Equal("{\"error\":\"The field 'ключ' appears more than once in the request body.\"}", nonAscii.Text);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_PayloadTooLarge()
    {
        string before = await seeded.SnapshotAsync();
        string huge = $"{{\"conversationId\":\"{seeded.ConversationId}\",\"sender\":\"alice\",\"content\":\"{new string('x', MessagingLimits.MaxRequestBodyBytes)}\"}}";

        ApiResponse response = await seeded.Api.PostRawAsync("sendMessage", huge);

        response.AssertError(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await seeded.SnapshotAsync());
    }

    [Fact]
    public async Task Post_FormContentTypeWithJsonBody_Accepted()
    {
        // `curl -d '{...}'` without -H sends application/x-www-form-urlencoded.
        ApiResponse response = await seeded.Api.PostRawAsync(
            "_getConversation", $"{{\"conversationId\":\"{seeded.ConversationId}\"}}", "application/x-www-form-urlencoded");

        response.AssertStatus(HttpStatusCode.OK);
    }
}
