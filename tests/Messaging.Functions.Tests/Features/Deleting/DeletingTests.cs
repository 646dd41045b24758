using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Messaging.Functions.Tests.Features.Editing;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Deleting;

/// <summary>deleteMessage against a real Azurite: tombstones in every query, and the text erased from storage.</summary>
public class DeletingTests(AzuriteFixture azurite)
{
    private static async Task<JsonElement> DetailsAsync(ApiClient api, string messageId) =>
        (await api.PostAsync("_getMessageDetails", new { messageId })).Json[0];

    [Fact]
    public async Task Delete_BySender_AnswersTheDeletion_QueriesShowATombstoneInItsPlace()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "one");
        JsonElement doomed = await api.SendAsync(id, "alice", "two");
        string messageId = doomed.GetProperty("_id").GetString()!;
        await api.SendAsync(id, "bob", "three");

        ApiResponse deleted = await api.PostAsync("deleteMessage", new { messageId, user = "alice" });

        deleted.AssertStatus(HttpStatusCode.OK);
        JsonShape.AssertProperties(deleted.Json, "_id", "deleted", "deletedAt", "deletedBy");
        Assert.Equal(messageId, deleted.Json.GetProperty("_id").GetString());
        Assert.True(deleted.Json.GetProperty("deleted").GetBoolean());
        Assert.Equal("alice", deleted.Json.GetProperty("deletedBy").GetString());
        string deletedAt = deleted.Json.GetProperty("deletedAt").GetString()!;
        Assert.Matches(JsonShape.IsoMilliseconds(), deletedAt);
        string tombstone = $$"""{"_id":"{{messageId}}","conversationId":"{{id}}","sender":"alice","sentAt":"{{doomed.GetProperty("sentAt").GetString()}}","deleted":true,"deletedAt":"{{deletedAt}}"}""";
        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray()];
        Assert.Equal(["one", null, "three"], history.Select(m => m.TryGetProperty("content", out JsonElement c) ? c.GetString() : null));
        Assert.Equal(tombstone, history[1].GetRawText());
        Assert.Equal(tombstone, (await DetailsAsync(api, messageId)).GetRawText());

        // The sequence goes on: the next message is the fourth.
        Assert.EndsWith("-4", (await api.SendAsync(id, "bob", "four")).GetProperty("_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Again_AnswersTheSameDeletion_ChangesNothing()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "oops")).GetProperty("_id").GetString()!;

        ApiResponse first = await api.PostAsync("deleteMessage", new { messageId, user = "alice" });
        await Task.Delay(5, TestContext.Current.CancellationToken);
        ApiResponse second = await api.PostAsync("deleteMessage", new { messageId, user = "alice" });

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Delete_InAGroup_SenderOrAdmin_NotOtherMembers()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "G", members = new[] { "bob", "carol" } }))
            .Json.GetProperty("conversationId").GetString()!;
        string bobs = (await api.SendAsync(group, "bob", "bob's")).GetProperty("_id").GetString()!;
        string carols = (await api.SendAsync(group, "carol", "carol's")).GetProperty("_id").GetString()!;

        (await api.PostAsync("deleteMessage", new { messageId = bobs, user = "carol" })).AssertError(HttpStatusCode.Forbidden);
        Assert.Equal("bob's", (await DetailsAsync(api, bobs)).GetProperty("content").GetString());

        ApiResponse byAdmin = await api.PostAsync("deleteMessage", new { messageId = bobs, user = "alice" });
        byAdmin.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("alice", byAdmin.Json.GetProperty("deletedBy").GetString());
        (await api.PostAsync("deleteMessage", new { messageId = carols, user = "carol" })).AssertStatus(HttpStatusCode.OK);
        Assert.True((await DetailsAsync(api, carols)).GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task Delete_Refused_ForTheOtherParticipantStrangersLateJoinersAndSystemMessages()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string alices = (await api.SendAsync(id, "alice", "mine")).GetProperty("_id").GetString()!;
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "G", members = new[] { "bob" } }))
            .Json.GetProperty("conversationId").GetString()!;
        string early = (await api.SendAsync(group, "bob", "early")).GetProperty("_id").GetString()!;
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        string system = group + "-2"; // carol's joining, after the first message
        (await api.PostAsync("setMemberRole", new { conversationId = group, actor = "alice", member = "carol", role = "admin" })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("deleteMessage", new { messageId = alices, user = "bob" })).AssertError(HttpStatusCode.Forbidden); // direct: no admins
        (await api.PostAsync("deleteMessage", new { messageId = alices, user = "mallory" })).AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("deleteMessage", new { messageId = early, user = "carol" })).AssertError(HttpStatusCode.NotFound); // an admin, but joined later
        (await api.PostAsync("deleteMessage", new { messageId = system, user = "alice" })).AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("deleteMessage", new { messageId = id + "-9", user = "alice" })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("deleteMessage", new { messageId = "x", user = "alice" })).AssertError(HttpStatusCode.NotFound);

        Assert.Equal("mine", (await DetailsAsync(api, alices)).GetProperty("content").GetString());
        Assert.Equal("early", (await DetailsAsync(api, early)).GetProperty("content").GetString());
        Assert.Equal("system", (await DetailsAsync(api, system)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Delete_ErasesTheTextFromStorage_VersionsPreviewsRepliesAndEvents()
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { ["Outbox:CleanupAfter"] = "00:00:00.200" });
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "SECRET-one")).GetProperty("_id").GetString()!;
        (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "SECRET-two" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "SECRET-three" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "what?", replyTo = messageId })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "SECRET-four" })).AssertStatus(HttpStatusCode.OK);
        var table = new TableClient(app.ConnectionString, app.TableName);
        Assert.NotEmpty(await RowsHoldingAsync(table, "SECRET")); // the check below can see it

        (await api.PostAsync("deleteMessage", new { messageId, user = "alice" })).AssertStatus(HttpStatusCode.OK);

        // The fan-out erases the rest; events' outbox rows go once they are published.
        await Eventually.TrueAsync(async () => (await RowsHoldingAsync(table, "SECRET")).Count == 0);
        JsonElement reply = (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json[1];
        Assert.True(reply.GetProperty("replyTo").GetProperty("deleted").GetBoolean());
        Assert.Empty((await api.PostAsync("_getMessageEdits", new { messageId })).Json.EnumerateArray());
        (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "back" })).AssertError(HttpStatusCode.Conflict);
    }

    private static async Task<List<string>> RowsHoldingAsync(TableClient table, string text)
    {
        var found = new List<string>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            if (((IDictionary<string, object>)row).Values.OfType<string>().Any(v => v.Contains(text, StringComparison.Ordinal)))
            {
                found.Add($"{row.PartitionKey}/{row.RowKey}");
            }
        }
        return found;
    }

    [Fact]
    public async Task Delete_OfTheLatestMessage_ClearsThePreviewEverywhere()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "bob", "before");
        string messageId = (await api.SendAsync(id, "alice", "regret")).GetProperty("_id").GetString()!;

        (await api.PostAsync("deleteMessage", new { messageId, user = "alice" })).AssertStatus(HttpStatusCode.OK);

        JsonElement last = (await api.PostAsync("_getConversation", new { conversationId = id })).Json[0].GetProperty("lastMessage");
        Assert.Equal(messageId, last.GetProperty("_id").GetString());
        Assert.Equal("", last.GetProperty("preview").GetString());
        Assert.Equal("", await EditingTests.PreviewAsync(api, id, "bob"));
        Assert.Equal("", await EditingTests.PreviewAsync(api, id, "alice"));
    }

    [Fact]
    public async Task Delete_RacingEditsAndReplies_EndsDeleted_WithNothingOfTheTextLeft()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "RACE-0")).GetProperty("_id").GetString()!;

        Task<ApiResponse>[] racing =
        [
            .. Enumerable.Range(1, 5).Select(i => api.PostAsync("editMessage", new { messageId, user = "alice", content = $"RACE-{i}" })),
            .. Enumerable.Range(1, 5).Select(i => api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = $"re {i}", replyTo = messageId })),
            api.PostAsync("deleteMessage", new { messageId, user = "alice" }),
        ];
        ApiResponse[] results = await Task.WhenAll(racing);
        await app.SettledAsync();

        // Edits that lost to the delete are refused as edits of a deleted message; none is lost silently.
        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, r.Text));
        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray()];
        Assert.True(history[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(6, history.Length);
        Assert.All(history[1..], reply =>
        {
            Assert.Equal($$"""{"_id":"{{messageId}}","sender":"alice","deleted":true}""", reply.GetProperty("replyTo").GetRawText());
        });
        Assert.DoesNotContain("RACE", string.Join("", history.Select(m => m.GetRawText())), StringComparison.Ordinal);
        Assert.Empty((await api.PostAsync("_getMessageEdits", new { messageId })).Json.EnumerateArray());
        var table = new TableClient(app.ConnectionString, app.TableName);
        Assert.DoesNotContain(await RowsHoldingAsync(table, "RACE"), row => !row.Contains("/out_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_WithTokens_AsTheCallerOnly_AdminOfTheGroupToo()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        string group = (await alice.PostAsync("createGroupConversation", new { title = "G", members = new[] { "bob" } })).Json.GetProperty("conversationId").GetString()!;
        string bobs = (await bob.PostAsync("sendMessage", new { conversationId = group, content = "one" })).Json.GetProperty("message").GetProperty("_id").GetString()!;
        string alices = (await alice.PostAsync("sendMessage", new { conversationId = group, content = "two" })).Json.GetProperty("message").GetProperty("_id").GetString()!;

        (await bob.PostAsync("deleteMessage", new { messageId = alices })).AssertError(HttpStatusCode.Forbidden);
        (await bob.PostAsync("deleteMessage", new { messageId = alices, user = "alice" })).AssertError(HttpStatusCode.Forbidden);
        ApiResponse own = await bob.PostAsync("deleteMessage", new { messageId = bobs });
        ApiResponse asAdmin = await alice.PostAsync("deleteMessage", new { messageId = alices, user = "alice" });

        own.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("bob", own.Json.GetProperty("deletedBy").GetString());
        asAdmin.AssertStatus(HttpStatusCode.OK);
    }
}
