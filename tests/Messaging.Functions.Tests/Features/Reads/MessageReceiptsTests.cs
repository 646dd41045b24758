using System.Net;
using Azure.Data.Tables;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Reads;

/// <summary>_getMessageReceipts over HTTP against a real Azurite: who read one message, and when their read first covered it.</summary>
public class MessageReceiptsTests(AzuriteFixture azurite)
{
    private static async Task<string> CreateGroupAsync(ApiClient api, string creator, params string[] members)
    {
        ApiResponse response = await api.PostAsync("createGroupConversation", new { creator, title = "T", members });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.GetProperty("conversationId").GetString()!;
    }

    private static async Task<string> SendIdAsync(ApiClient api, string conversationId, string sender, string content) =>
        (await api.SendAsync(conversationId, sender, content)).GetProperty("_id").GetString()!;

    private static async Task<(string User, string ReadAt)[]> ReceiptsAsync(ApiClient api, string messageId)
    {
        ApiResponse response = await api.PostAsync("_getMessageReceipts", new { messageId });
        response.AssertStatus(HttpStatusCode.OK);
        Assert.All(response.Json.EnumerateArray(), r => JsonShape.AssertProperties(r, "user", "readAt"));
        return [.. response.Json.EnumerateArray().Select(r => (r.GetProperty("user").GetString()!, r.GetProperty("readAt").GetString()!))];
    }

    /// <summary>Each user's cursor time as <c>_getReadReceipts</c> says it now: the time of their latest read.</summary>
    private static async Task<Dictionary<string, string?>> CursorTimesAsync(ApiClient api, string conversationId) =>
        (await api.PostAsync("_getReadReceipts", new { conversationId })).Json.EnumerateArray()
            .ToDictionary(r => r.GetProperty("user").GetString()!, r => r.GetProperty("readAt").GetString());

    private static async Task MarkReadAsync(ApiClient api, string conversationId, string user, string? messageId = null) =>
        (await api.PostAsync("markRead", messageId is null ? new { conversationId, user } : (object)new { conversationId, user, messageId })).AssertStatus(HttpStatusCode.OK);

    [Fact]
    public async Task Receipts_ExactTimeOfTheReadThatFirstCoveredIt_SenderLeftOut_OrderedByTimeThenUser()
    {
        var clock = new SettableClock();
        await using var app = new MessagingApp(azurite, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "bob", "carol", "dave");
        string first = await SendIdAsync(api, id, "alice", "1");
        string second = await SendIdAsync(api, id, "alice", "2");

        await MarkReadAsync(api, id, "bob", first);
        string bobFirst = (await CursorTimesAsync(api, id))["bob"]!;
        clock.Advance(TimeSpan.FromMinutes(5));
        await MarkReadAsync(api, id, "bob", second);
        clock.Advance(TimeSpan.FromMinutes(5));
        await MarkReadAsync(api, id, "dave");
        await MarkReadAsync(api, id, "carol"); // the same millisecond as dave's: ordered by user
        Dictionary<string, string?> cursors = await CursorTimesAsync(api, id);

        Assert.NotEqual(bobFirst, cursors["bob"]); // the cursor moved on later ...
        Assert.Equal([("bob", bobFirst), ("carol", cursors["carol"]!), ("dave", cursors["dave"]!)], await ReceiptsAsync(api, first)); // ... but the first read is kept
        Assert.Equal([("bob", cursors["bob"]!), ("carol", cursors["carol"]!), ("dave", cursors["dave"]!)], await ReceiptsAsync(api, second));
        Assert.Equal(cursors["carol"], cursors["dave"]);
    }

    [Fact]
    public async Task Receipts_UnreadMessage_Empty_LateJoinerLeftOut()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await CreateGroupAsync(api, "alice", "bob");
        string first = await SendIdAsync(api, id, "alice", "before carol");
        (await api.PostAsync("addMembers", new { conversationId = id, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        string later = await SendIdAsync(api, id, "alice", "with carol");

        (string, string)[] none = await ReceiptsAsync(api, first);
        await MarkReadAsync(api, id, "carol");
        await MarkReadAsync(api, id, "bob", first);

        Assert.Empty(none);
        Assert.Equal(["bob"], (await ReceiptsAsync(api, first)).Select(r => r.User));
        Assert.Equal(["carol"], (await ReceiptsAsync(api, later)).Select(r => r.User));
    }

    [Fact]
    public async Task Receipts_WithAuthentication_LateJoinerNotFound_OutsiderForbidden_MemberAllowed()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        ApiClient As(string user) => app.Api(app.CreateClient().As(Tokens.For(user)));
        using ApiClient alice = As("alice");
        using ApiClient bob = As("bob");
        using ApiClient carol = As("carol");
        using ApiClient mallory = As("mallory");
        string id = (await alice.PostAsync("createGroupConversation", new { title = "T", members = new[] { "bob" } })).Json.GetProperty("conversationId").GetString()!;
        string first = (await alice.PostAsync("sendMessage", new { conversationId = id, content = "1" })).Json.GetProperty("message").GetProperty("_id").GetString()!;
        (await alice.PostAsync("addMembers", new { conversationId = id, members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        (await bob.PostAsync("markRead", new { conversationId = id })).AssertStatus(HttpStatusCode.OK);

        ApiResponse member = await bob.PostAsync("_getMessageReceipts", new { messageId = first });
        ApiResponse joinedLater = await carol.PostAsync("_getMessageReceipts", new { messageId = first });
        ApiResponse outsider = await mallory.PostAsync("_getMessageReceipts", new { messageId = first });
        ApiResponse unknown = await bob.PostAsync("_getMessageReceipts", new { messageId = $"{id}-99" });

        Assert.Equal(["bob"], member.Json.EnumerateArray().Select(r => r.GetProperty("user").GetString()));
        joinedLater.AssertError(HttpStatusCode.NotFound);
        outsider.AssertError(HttpStatusCode.Forbidden);
        unknown.AssertError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Receipts_CursorWithoutReceiptRows_TheCursorsTime()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string first = await SendIdAsync(api, id, "alice", "1");
        await SendIdAsync(api, id, "alice", "2");
        await MarkReadAsync(api, id, "bob", first);
        await MarkReadAsync(api, id, "bob");
        // As a cursor moved before receipt rows were written: only the member row knows, and only its latest move.
        var table = new TableClient(app.ConnectionString, app.TableName);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>($"PartitionKey eq '{id}' and RowKey ge 'rcp_' and RowKey lt 'rcp`'", cancellationToken: TestContext.Current.CancellationToken))
        {
            await table.DeleteEntityAsync(row, cancellationToken: TestContext.Current.CancellationToken);
        }

        (string User, string ReadAt)[] receipts = await ReceiptsAsync(api, first);

        Assert.Equal([("bob", (await CursorTimesAsync(api, id))["bob"]!)], receipts);
    }

    [Theory]
    [InlineData("{}", 400)]
    [InlineData("{\"messageId\":5}", 400)]
    [InlineData("{\"messageId\":\"nope\"}", 404)]
    [InlineData("{\"messageId\":\"{conv}-9\"}", 404)]
    [InlineData("{\"messageId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70-1\"}", 404)]
    public async Task Receipts_BadRequest_ClientError(string body, int expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hi");

        ApiResponse response = await api.PostRawAsync("_getMessageReceipts", body.Replace("{conv}", id, StringComparison.Ordinal));

        response.AssertError((HttpStatusCode)expected);
    }

    /// <summary>A clock that stands still until moved, so two reads are minutes apart, or at the same millisecond, at will.</summary>
    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = System.GetUtcNow();

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
