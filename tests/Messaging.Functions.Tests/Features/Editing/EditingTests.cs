using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Editing;

/// <summary>editMessage and _getMessageEdits against a real Azurite.</summary>
public class EditingTests(AzuriteFixture azurite)
{
    private static async Task<JsonElement> DetailsAsync(ApiClient api, string messageId) =>
        (await api.PostAsync("_getMessageDetails", new { messageId })).Json[0];

    private static async Task<JsonElement[]> EditsAsync(ApiClient api, string messageId)
    {
        ApiResponse response = await api.PostAsync("_getMessageEdits", new { messageId });
        response.AssertStatus(HttpStatusCode.OK);
        return [.. response.Json.EnumerateArray()];
    }

    [Fact]
    public async Task Edit_BySender_ReturnsTheMessageWithEditedAt_QueriesShowTheNewText()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        JsonElement sent = await api.SendAsync(id, "alice", "helo");
        string messageId = sent.GetProperty("_id").GetString()!;

        ApiResponse edited = await api.PostAsync("editMessage", new { messageId, user = "alice", content = "hello" });

        edited.AssertStatus(HttpStatusCode.OK);
        JsonShape.AssertProperties(edited.Json, "_id", "conversationId", "sender", "content", "sentAt", "type", "reactions", "editedAt");
        Assert.Equal("hello", edited.Json.GetProperty("content").GetString());
        Assert.Equal(sent.GetProperty("sentAt").GetString(), edited.Json.GetProperty("sentAt").GetString());
        Assert.Matches(JsonShape.IsoMilliseconds(), edited.Json.GetProperty("editedAt").GetString());
        Assert.Equal(JsonShape.Shared(edited.Json), JsonShape.Shared(await DetailsAsync(api, messageId)));
        Assert.Equal(JsonShape.Shared(edited.Json), JsonShape.Shared((await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json[0]));
    }

    [Fact]
    public async Task Edits_KeepEveryEarlierVersion_OldestFirst_WithWhenEachWasReplaced()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "v1")).GetProperty("_id").GetString()!;
        Assert.Empty(await EditsAsync(api, messageId));

        string firstEditAt = (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "v2" })).Json.GetProperty("editedAt").GetString()!;
        await Task.Delay(5, TestContext.Current.CancellationToken);
        string secondEditAt = (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "v3" })).Json.GetProperty("editedAt").GetString()!;

        JsonElement[] edits = await EditsAsync(api, messageId);
        Assert.Equal(
            $$"""[{"content":"v1","editedAt":"{{firstEditAt}}"},{"content":"v2","editedAt":"{{secondEditAt}}"}]""",
            "[" + string.Join(",", edits.Select(e => e.GetRawText())) + "]");
        Assert.Equal("v3", (await DetailsAsync(api, messageId)).GetProperty("content").GetString());
        Assert.Equal(secondEditAt, (await DetailsAsync(api, messageId)).GetProperty("editedAt").GetString());
    }

    [Fact]
    public async Task Edit_SameText_ChangesNothing()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "same")).GetProperty("_id").GetString()!;

        ApiResponse edited = await api.PostAsync("editMessage", new { messageId, user = "alice", content = "same" });

        edited.AssertStatus(HttpStatusCode.OK);
        Assert.False(edited.Json.TryGetProperty("editedAt", out _));
        Assert.Empty(await EditsAsync(api, messageId));
    }

    [Fact]
    public async Task Edit_RefusedForOthersSystemMessagesDeletedMessagesAndBadText_NothingChanges()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "G", members = new[] { "bob" } }))
            .Json.GetProperty("conversationId").GetString()!;
        string mine = (await api.SendAsync(group, "alice", "original")).GetProperty("_id").GetString()!;
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        string system = group + "-2"; // carol's joining, after the first message
        string gone = (await api.SendAsync(group, "alice", "to delete")).GetProperty("_id").GetString()!;
        (await api.PostAsync("deleteMessage", new { messageId = gone, user = "alice" })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("editMessage", new { messageId = mine, user = "bob", content = "hijack" })).AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("editMessage", new { messageId = mine, user = "dave", content = "stranger" })).AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("editMessage", new { messageId = mine, user = "carol", content = "late joiner" })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("editMessage", new { messageId = system, user = "alice", content = "rewrite history" })).AssertError(HttpStatusCode.Forbidden);
        (await api.PostAsync("editMessage", new { messageId = gone, user = "alice", content = "revive" })).AssertError(HttpStatusCode.Conflict);
        (await api.PostAsync("editMessage", new { messageId = mine, user = "alice", content = "  " })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("editMessage", new { messageId = mine, user = "alice", content = new string('x', 16_001) })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("editMessage", new { messageId = group + "-99", user = "alice", content = "x" })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("editMessage", new { messageId = "nonsense", user = "alice", content = "x" })).AssertError(HttpStatusCode.NotFound);
        (await api.PostAsync("editMessage", new { user = "alice", content = "x" })).AssertError(HttpStatusCode.BadRequest);

        JsonElement stored = await DetailsAsync(api, mine);
        Assert.Equal("original", stored.GetProperty("content").GetString());
        Assert.False(stored.TryGetProperty("editedAt", out _));
        Assert.Empty(await EditsAsync(api, mine));
    }

    [Fact]
    public async Task Edit_InABlockedConversation_Refused()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "hi")).GetProperty("_id").GetString()!;
        (await api.PostAsync("blockUser", new { user = "bob", blocked = "alice" })).AssertStatus(HttpStatusCode.OK);

        (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "sneaky" })).AssertError(HttpStatusCode.Forbidden);

        Assert.Equal("hi", (await DetailsAsync(api, messageId)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Edit_OfTheLatestMessage_UpdatesTheConversationsAndInboxesPreview_AnOlderOneDoesNot()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string older = (await api.SendAsync(id, "alice", "older")).GetProperty("_id").GetString()!;
        string latest = (await api.SendAsync(id, "alice", "latest")).GetProperty("_id").GetString()!;

        (await api.PostAsync("editMessage", new { messageId = older, user = "alice", content = "older, edited" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("latest", await PreviewAsync(api, id, "bob"));

        (await api.PostAsync("editMessage", new { messageId = latest, user = "alice", content = "latest, edited" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("latest, edited", (await api.PostAsync("_getConversation", new { conversationId = id })).Json[0].GetProperty("lastMessage").GetProperty("preview").GetString());
        Assert.Equal("latest, edited", await PreviewAsync(api, id, "bob"));
        Assert.Equal("latest, edited", await PreviewAsync(api, id, "alice"));

        // The header moved: the next send must not trip over a stale memory of it.
        await api.SendAsync(id, "bob", "next");
        Assert.Equal("next", await PreviewAsync(api, id, "alice"));
    }

    internal static async Task<string?> PreviewAsync(ApiClient api, string conversationId, string user) =>
        (await api.PostAsync("_getConversationsForUser", new { user })).Json.EnumerateArray()
            .Single(c => c.GetProperty("_id").GetString() == conversationId).GetProperty("lastMessage").GetProperty("preview").GetString();

    [Fact]
    public async Task Edits_Racing_AllApplied_InOneChainOfVersions()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "v0")).GetProperty("_id").GetString()!;
        string[] texts = [.. Enumerable.Range(1, 8).Select(i => $"v{i}")];

        ApiResponse[] results = await Task.WhenAll(texts.Select(text => api.PostAsync("editMessage", new { messageId, user = "alice", content = text })));

        Assert.All(results, r => r.AssertStatus(HttpStatusCode.OK));
        string[] earlier = [.. (await EditsAsync(api, messageId)).Select(e => e.GetProperty("content").GetString()!)];
        string final = (await DetailsAsync(api, messageId)).GetProperty("content").GetString()!;
        // Every edit replaced the text the one before it set: v0 first, each text once, the last one current.
        Assert.Equal(8, earlier.Length);
        Assert.Equal("v0", earlier[0]);
        Assert.Equal(["v0", .. texts], earlier.Append(final).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Edit_WithAttachments_MayEmptyTheText()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "caption", type = "image", attachments = new[] { new { url = "https://x.example/p.png" } } }))
            .Json.GetProperty("message").GetProperty("_id").GetString()!;

        ApiResponse edited = await api.PostAsync("editMessage", new { messageId, user = "alice", content = "" });

        edited.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("", edited.Json.GetProperty("content").GetString());
        Assert.Equal("image", edited.Json.GetProperty("type").GetString());
        Assert.Equal(1, edited.Json.GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task MessageEdits_AsOthersSeeThem_MembersOnly()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using ApiClient alice = app.Api(app.CreateClient().As(Tokens.For("alice")));
        using ApiClient bob = app.Api(app.CreateClient().As(Tokens.For("bob")));
        using ApiClient mallory = app.Api(app.CreateClient().As(Tokens.For("mallory")));
        string id = (await alice.PostAsync("createConversation", new { user1 = "alice", user2 = "bob" })).Json.GetProperty("conversationId").GetString()!;
        string messageId = (await alice.PostAsync("sendMessage", new { conversationId = id, content = "v1" })).Json.GetProperty("message").GetProperty("_id").GetString()!;
        (await alice.PostAsync("editMessage", new { messageId, content = "v2" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("v1", (await EditsAsync(bob, messageId)).Single().GetProperty("content").GetString());
        (await mallory.PostAsync("_getMessageEdits", new { messageId })).AssertError(HttpStatusCode.Forbidden);
        (await bob.PostAsync("editMessage", new { messageId, content = "bob's" })).AssertError(HttpStatusCode.Forbidden);
        (await bob.PostAsync("editMessage", new { messageId, user = "alice", content = "as alice" })).AssertError(HttpStatusCode.Forbidden);
    }
}
