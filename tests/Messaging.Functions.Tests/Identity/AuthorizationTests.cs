using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Identity;

/// <summary>
/// One app with authentication on and a conversation between alice and bob holding one message;
/// each rule of the README's table is checked allowed and denied.
/// </summary>
public sealed class AuthorizedApp(AzuriteFixture azurite) : IAsyncLifetime
{
    private MessagingApp? _app;

    public string ConversationId { get; private set; } = "";

    public string MessageId { get; private set; } = "";

    internal ApiClient As(string user, params string[] roles) => _app!.Api(_app.CreateClient().As(Tokens.For(user, roles.Length == 0 ? null : roles)));

    public async ValueTask InitializeAsync()
    {
        _app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = As("alice");
        ConversationId = await alice.CreateConversationAsync("alice", "bob");
        MessageId = (await alice.SendAsync(ConversationId, "alice", "hello")).GetProperty("_id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public class AuthorizationTests(AuthorizedApp app) : IClassFixture<AuthorizedApp>
{
    public static TheoryData<string, string, string, int> Rules() => new()
    {
        // caller, action, body ({conv} and {msg} are filled in), expected status
        { "carol", "createConversation", "{\"user1\":\"carol\",\"user2\":\"dave\"}", 200 },
        { "carol", "createConversation", "{\"user1\":\"dave\",\"user2\":\"erin\"}", 403 },
        { "frank", "createConversation", "{\"user2\":\"grace\"}", 200 },
        { "alice", "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"hi\"}", 200 },
        { "bob", "sendMessage", "{\"conversationId\":\"{conv}\",\"content\":\"sender left out\"}", 200 },
        { "bob", "sendMessage", "{\"conversationId\":\"{conv}\",\"sender\":\"alice\",\"content\":\"spoof\"}", 403 },
        { "mallory", "sendMessage", "{\"conversationId\":\"{conv}\",\"content\":\"intrude\"}", 403 },
        { "alice", "_getConversation", "{\"conversationId\":\"{conv}\"}", 200 },
        { "mallory", "_getConversation", "{\"conversationId\":\"{conv}\"}", 403 },
        { "bob", "_getMessagesInConversation", "{\"conversationId\":\"{conv}\"}", 200 },
        { "mallory", "_getMessagesInConversation", "{\"conversationId\":\"{conv}\"}", 403 },
        { "bob", "_getMessageDetails", "{\"messageId\":\"{msg}\"}", 200 },
        { "mallory", "_getMessageDetails", "{\"messageId\":\"{msg}\"}", 403 },
        { "alice", "_getConversationsForUser", "{}", 200 },
        { "alice", "_getConversationsForUser", "{\"user\":\"alice\"}", 200 },
        { "alice", "_getConversationsForUser", "{\"user\":\"bob\"}", 403 },
        { "bob", "markRead", "{\"conversationId\":\"{conv}\"}", 200 },
        { "bob", "markRead", "{\"conversationId\":\"{conv}\",\"user\":\"alice\"}", 403 },
        { "mallory", "markRead", "{\"conversationId\":\"{conv}\"}", 403 },
        { "bob", "_getUnreadCounts", "{}", 200 },
        { "bob", "_getUnreadCounts", "{\"user\":\"alice\"}", 403 },
        { "bob", "_getUnreadTotal", "{\"excludeMuted\":true}", 200 },
        { "bob", "_getUnreadTotal", "{\"user\":\"alice\"}", 403 },
        { "bob", "_sync", "{\"limit\":10}", 200 },
        { "bob", "_sync", "{\"user\":\"alice\"}", 403 },
        { "alice", "_getReadReceipts", "{\"conversationId\":\"{conv}\"}", 200 },
        { "mallory", "_getReadReceipts", "{\"conversationId\":\"{conv}\"}", 403 },
        { "bob", "markDelivered", "{\"conversationId\":\"{conv}\"}", 200 },
        { "bob", "markDelivered", "{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"messageId\":\"{msg}\"}", 200 },
        { "bob", "markDelivered", "{\"conversationId\":\"{conv}\",\"user\":\"alice\"}", 403 },
        { "mallory", "markDelivered", "{\"conversationId\":\"{conv}\"}", 403 },
        { "alice", "_getMessageReceipts", "{\"messageId\":\"{msg}\"}", 200 },
        { "bob", "_getMessageReceipts", "{\"messageId\":\"{msg}\"}", 200 },
        { "mallory", "_getMessageReceipts", "{\"messageId\":\"{msg}\"}", 403 },
        { "alice", "_getMessageDetails", "{\"messageId\":\"{msg}\",\"user\":\"alice\"}", 200 },
        { "alice", "_getMessageDetails", "{\"messageId\":\"{msg}\",\"user\":\"bob\"}", 403 },
        { "bob", "typing", "{\"conversationId\":\"{conv}\",\"isTyping\":true}", 200 },
        { "bob", "typing", "{\"conversationId\":\"{conv}\",\"user\":\"alice\",\"isTyping\":true}", 403 },
        { "mallory", "typing", "{\"conversationId\":\"{conv}\",\"isTyping\":true}", 403 },
        { "carol", "createGroupConversation", "{\"title\":\"T\",\"members\":[\"dave\"]}", 200 },
        { "carol", "createGroupConversation", "{\"creator\":\"dave\",\"title\":\"T\",\"members\":[\"erin\"]}", 403 },
        { "alice", "_getMembers", "{\"conversationId\":\"{conv}\"}", 200 },
        { "mallory", "_getMembers", "{\"conversationId\":\"{conv}\"}", 403 },
        { "mallory", "deleteConversation", "{\"conversationId\":\"{conv}\"}", 403 },
        { "bob", "deleteConversation", "{\"conversationId\":\"{conv}\",\"actor\":\"alice\"}", 403 },
        { "alice", "sendDirectMessage", "{\"to\":\"bob\",\"content\":\"direct\"}", 200 },
        { "bob", "sendDirectMessage", "{\"sender\":\"alice\",\"to\":\"bob\",\"content\":\"spoof\"}", 403 },
        { "alice", "_getDirectConversation", "{\"other\":\"bob\"}", 200 },
        { "alice", "_getDirectConversation", "{\"user\":\"bob\",\"other\":\"carol\"}", 403 },
        { "alice", "blockUser", "{\"blocked\":\"zed\"}", 200 },
        { "alice", "blockUser", "{\"user\":\"bob\",\"blocked\":\"zed\"}", 403 },
        { "alice", "unblockUser", "{\"user\":\"alice\",\"blocked\":\"zed\"}", 200 },
        { "alice", "unblockUser", "{\"user\":\"bob\",\"blocked\":\"zed\"}", 403 },
        { "alice", "_getBlockedUsers", "{}", 200 },
        { "alice", "_getBlockedUsers", "{\"user\":\"bob\"}", 403 },
        { "alice", "editMessage", "{\"messageId\":\"{msg}\",\"content\":\"hello, edited\"}", 200 },
        { "bob", "editMessage", "{\"messageId\":\"{msg}\",\"content\":\"not the sender\"}", 403 },
        { "bob", "editMessage", "{\"messageId\":\"{msg}\",\"user\":\"alice\",\"content\":\"spoof\"}", 403 },
        { "mallory", "editMessage", "{\"messageId\":\"{msg}\",\"content\":\"intrude\"}", 403 },
        { "bob", "_getMessageEdits", "{\"messageId\":\"{msg}\"}", 200 },
        { "mallory", "_getMessageEdits", "{\"messageId\":\"{msg}\"}", 403 },
        // Allowed deletes change what the other rules see: DeletingTests.Delete_WithTokens_AsTheCallerOnly_AdminOfTheGroupToo covers them.
        { "bob", "deleteMessage", "{\"messageId\":\"{msg}\"}", 403 },
        { "bob", "deleteMessage", "{\"messageId\":\"{msg}\",\"user\":\"alice\"}", 403 },
        { "mallory", "deleteMessage", "{\"messageId\":\"{msg}\"}", 403 },
        { "bob", "addReaction", "{\"messageId\":\"{msg}\",\"emoji\":\"👍\"}", 200 },
        { "bob", "addReaction", "{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"❤️\"}", 200 },
        { "bob", "addReaction", "{\"messageId\":\"{msg}\",\"user\":\"alice\",\"emoji\":\"👍\"}", 403 },
        { "mallory", "addReaction", "{\"messageId\":\"{msg}\",\"emoji\":\"👍\"}", 403 },
        { "alice", "removeReaction", "{\"messageId\":\"{msg}\",\"emoji\":\"👍\"}", 200 },
        { "alice", "removeReaction", "{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"👍\"}", 403 },
        { "mallory", "removeReaction", "{\"messageId\":\"{msg}\",\"emoji\":\"👍\"}", 403 },
        { "alice", "setPresence", "{\"status\":\"away\"}", 200 },
        { "alice", "setPresence", "{\"user\":\"alice\",\"status\":\"online\"}", 200 },
        { "alice", "setPresence", "{\"user\":\"bob\",\"status\":\"away\"}", 403 },
        { "bob", "_getPresence", "{\"users\":[\"alice\",\"mallory\"]}", 200 },
        { "bob", "_getPresence", "{\"user\":\"bob\",\"users\":[\"alice\"]}", 200 },
        { "bob", "_getPresence", "{\"user\":\"alice\",\"users\":[\"alice\"]}", 403 },
        { "alice", "_searchMessages", "{\"query\":\"hello\"}", 200 },
        { "alice", "_searchMessages", "{\"user\":\"alice\",\"query\":\"hello\"}", 200 },
        { "alice", "_searchMessages", "{\"user\":\"bob\",\"query\":\"hello\"}", 403 },
        { "bob", "_searchMessages", "{\"query\":\"hello\",\"conversationId\":\"{conv}\"}", 200 },
        { "mallory", "_searchMessages", "{\"query\":\"hello\",\"conversationId\":\"{conv}\"}", 403 },
        { "alice", "_getAllConversations", "{}", 403 },
        { "alice", "_getAllMessages", "{}", 403 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Rule_AllowedOrDenied(string caller, string action, string body, int expected)
    {
        using ApiClient api = app.As(caller);

        ApiResponse response = await api.PostRawAsync(action, body.Replace("{conv}", app.ConversationId, StringComparison.Ordinal).Replace("{msg}", app.MessageId, StringComparison.Ordinal));

        if (expected == 200)
        {
            response.AssertStatus(HttpStatusCode.OK);
        }
        else
        {
            response.AssertError((HttpStatusCode)expected);
        }
    }

    [Theory]
    [InlineData("_getAllConversations")]
    [InlineData("_getAllMessages")]
    [InlineData("_getConversation")]
    public async Task Admin_ReadsEverything(string action)
    {
        using ApiClient admin = app.As("root", "admin");

        ApiResponse response = await admin.PostAsync(action, new { conversationId = app.ConversationId });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(0, response.Json.GetArrayLength());
    }

    [Fact]
    public async Task Admin_ReadsAMessagesReceipts()
    {
        using ApiClient admin = app.As("root", "admin");

        ApiResponse response = await admin.PostAsync("_getMessageReceipts", new { messageId = app.MessageId });

        response.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConversationsForUser_LeftOut_IsTheCallersOwn()
    {
        using ApiClient bob = app.As("bob");

        ApiResponse response = await bob.PostAsync("_getConversationsForUser", new { });

        Assert.Contains(response.Json.EnumerateArray(), c => c.GetProperty("_id").GetString() == app.ConversationId);
    }
}
