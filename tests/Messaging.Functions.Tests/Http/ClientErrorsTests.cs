using System.Net;
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
