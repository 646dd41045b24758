using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Search;

/// <summary>_searchMessages against a real Azurite: matching, paging, who finds what, and the index following changes.</summary>
public class SearchTests(AzuriteFixture azurite)
{
    internal static async Task<JsonElement[]> SearchAsync(ApiClient api, object body)
    {
        ApiResponse response = await api.PostAsync("_searchMessages", body);
        response.AssertStatus(HttpStatusCode.OK);
        return [.. response.Json.EnumerateArray()];
    }

    internal static string[] Contents(JsonElement[] hits) => [.. hits.Select(h => h.GetProperty("content").GetString()!)];

    private static async Task<string> GroupAsync(ApiClient api, string creator, params string[] members) =>
        (await api.PostAsync("createGroupConversation", new { creator, title = "Team", members })).Json.GetProperty("conversationId").GetString()!;

    [Fact]
    public async Task Matching_ByWordPrefix_IgnoringCaseAndDiacritics()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "Feeling great today");
        await api.SendAsync(id, "bob", "Un café, s'il vous plaît");
        await api.SendAsync(id, "bob", "nothing to see: refeel");

        Assert.Equal(["Feeling great today"], Contents(await SearchAsync(api, new { user = "alice", query = "feel" })));
        Assert.Equal(["Feeling great today"], Contents(await SearchAsync(api, new { user = "alice", query = "FEELING" })));
        Assert.Equal(["Un café, s'il vous plaît"], Contents(await SearchAsync(api, new { user = "alice", query = "cafe" })));
        Assert.Equal(["Un café, s'il vous plaît"], Contents(await SearchAsync(api, new { user = "alice", query = "CAFÉ PLAIT" })));
        Assert.Empty(await SearchAsync(api, new { user = "alice", query = "eeling" })); // a prefix of a word, not any substring
        Assert.Empty(await SearchAsync(api, new { user = "alice", query = "feelings" }));
    }

    [Fact]
    public async Task Result_IsTheHistoryMessage_WithItsConversation()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string direct = await api.CreateConversationAsync("alice", "bob");
        string group = await GroupAsync(api, "alice", "bob");
        await api.SendAsync(direct, "alice", "lunch at noon?");
        await api.SendAsync(group, "bob", "Lunch is on me");
        string reacted = (await api.SendAsync(direct, "bob", "lunch sounds good")).GetProperty("_id").GetString()!;
        (await api.PostAsync("addReaction", new { messageId = reacted, user = "alice", emoji = "👍" })).AssertStatus(HttpStatusCode.OK);

        JsonElement[] hits = await SearchAsync(api, new { user = "alice", query = "lunch" });

        Assert.Equal(["lunch sounds good", "Lunch is on me", "lunch at noon?"], Contents(hits)); // newest first
        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = direct, user = "alice" })).Json.EnumerateArray()];
        foreach (JsonElement hit in hits.Where(h => h.GetProperty("conversationId").GetString() == direct))
        {
            JsonElement same = history.Single(m => m.GetProperty("_id").GetString() == hit.GetProperty("_id").GetString());
            var withoutConversation = System.Text.Json.Nodes.JsonNode.Parse(hit.GetRawText())!.AsObject();
            withoutConversation.Remove("conversation");
            Assert.Equal(same.GetRawText(), withoutConversation.ToJsonString()); // status and reactions included
            JsonShape.AssertProperties(hit.GetProperty("conversation"), "_id", "kind");
            Assert.Equal("direct", hit.GetProperty("conversation").GetProperty("kind").GetString());
        }
        Assert.Equal("👍", hits[0].GetProperty("reactions")[0].GetProperty("emoji").GetString());
        Assert.True(hits[2].TryGetProperty("status", out _)); // alice's own message: its status, as history shows her
        JsonElement groupHit = hits[1];
        Assert.Equal(group, groupHit.GetProperty("conversation").GetProperty("_id").GetString());
        Assert.Equal("group", groupHit.GetProperty("conversation").GetProperty("kind").GetString());
        Assert.Equal("Team", groupHit.GetProperty("conversation").GetProperty("title").GetString());
        Assert.False(groupHit.TryGetProperty("status", out _)); // bob's message: the status is its sender's only
    }

    [Fact]
    public async Task Words_AllMustMatch_InAnyOrder()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "red apple");
        await api.SendAsync(id, "alice", "green apple");
        await api.SendAsync(id, "alice", "red car");

        Assert.Equal(["red apple"], Contents(await SearchAsync(api, new { user = "bob", query = "apple red" })));
        Assert.Equal(["red apple"], Contents(await SearchAsync(api, new { user = "bob", query = "ap, re!" })));
        Assert.Equal(["green apple", "red apple"], Contents(await SearchAsync(api, new { user = "bob", query = "apple" })));
        Assert.Empty(await SearchAsync(api, new { user = "bob", query = "red green" }));
    }

    [Theory]
    [InlineData("""{"user":"alice","query":""}""", "query")]
    [InlineData("""{"user":"alice","query":"   "}""", "letter or a digit")]
    [InlineData("""{"user":"alice","query":"?!… —"}""", "letter or a digit")]
    [InlineData("""{"user":"alice","query":"a b c d e f g h i"}""", "8 words")]
    [InlineData("""{"user":"alice","query":"{long}"}""", "100 characters")]
    [InlineData("""{"user":"alice","query":"hi","limit":0}""", "limit")]
    [InlineData("""{"user":"alice","query":"hi","limit":101}""", "limit")]
    [InlineData("""{"user":"alice","query":"hi","limit":true}""", "limit")]
    [InlineData("""{"user":"alice","query":"hi","before":"nonsense"}""", "before")]
    [InlineData("""{"user":"alice","query":"hi","before":"{otherMessage}"}""", "before")]
    [InlineData("""{"user":"alice","query":"hi","conversationId":"{id}","before":"{otherMessage}"}""", "before")]
    [InlineData("""{"user":"alice","query":"hi","conversationId":"{id}","before":"{id}-99"}""", "before")]
    [InlineData("""{"user":"alice","query":"hi","conversationId":"not-a-conversation"}""", "conversationId")]
    [InlineData("""{"query":"hi"}""", "user")]
    [InlineData("""{"user":"alice"}""", "query")]
    public async Task BadRequests_ClientError(string body, string mentioned)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hi there");
        string other = await api.CreateConversationAsync("carol", "dave");
        string otherMessage = (await api.SendAsync(other, "carol", "hi")).GetProperty("_id").GetString()!;

        string error = (await api.PostRawAsync("_searchMessages", body.Replace("{id}", id, StringComparison.Ordinal)
            .Replace("{otherMessage}", otherMessage, StringComparison.Ordinal).Replace("{long}", new string('x', 101), StringComparison.Ordinal)))
            .AssertError(HttpStatusCode.BadRequest);

        Assert.Contains(mentioned, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_AtTheLimits_Accepted()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "a b c d e f g h");
        string longWord = new('y', 100);
        await api.SendAsync(id, "alice", longWord);

        Assert.Single(await SearchAsync(api, new { user = "alice", query = "a b c d e f g h", limit = 100 }));
        Assert.Single(await SearchAsync(api, new { user = "alice", query = longWord, limit = 1 })); // words are indexed by their first 32 characters
        Assert.Single(await SearchAsync(api, new { user = "alice", query = "😀 h" }));
    }

    [Fact]
    public async Task Paging_WithBefore_NewestFirst_AcrossConversations_EachOnce()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string[] conversations = [await api.CreateConversationAsync("alice", "bob"), await api.CreateConversationAsync("alice", "carol"), await GroupAsync(api, "dave", "alice")];
        var sent = new List<string>();
        for (int i = 0; i < 9; i++)
        {
            string conversation = conversations[i % 3];
            string sender = i % 3 == 2 ? "dave" : "alice";
            sent.Add((await api.SendAsync(conversation, sender, $"match number {i}")).GetProperty("_id").GetString()!);
            await api.SendAsync(conversation, sender, "other words"); // between them, not found
        }

        var pages = new List<string[]>();
        string? before = null;
        do
        {
            JsonElement[] page = await SearchAsync(api, before is null ? new { user = "alice", query = "match", limit = 4 } : new { user = "alice", query = "match", limit = 4, before });
            pages.Add([.. page.Select(h => h.GetProperty("_id").GetString()!)]);
            before = page.Length == 0 ? null : pages[^1][^1];
        }
        while (pages[^1].Length == 4);

        Assert.Equal(new[] { 4, 4, 1 }, pages.Select(p => p.Length));
        Assert.Equal(Enumerable.Reverse(sent), pages.SelectMany(p => p));
        Assert.Equal([sent[2], sent[1], sent[0]], (await SearchAsync(api, new { user = "alice", query = "match", before = sent[3] })).Select(h => h.GetProperty("_id").GetString()!));
        // Within one conversation: the same order, the cursor a message of it.
        Assert.Equal([sent[3], sent[0]], (await SearchAsync(api, new { user = "alice", query = "match", conversationId = conversations[0], before = sent[6] }))
            .Select(h => h.GetProperty("_id").GetString()!));
    }

    [Fact]
    public async Task LateJoiner_DoesNotFindWhatWasSaidBeforeTheyJoined()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = await GroupAsync(api, "alice", "bob");
        await api.SendAsync(group, "alice", "the secret plan");
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        await api.SendAsync(group, "bob", "the public plan");

        Assert.Equal(["the public plan"], Contents(await SearchAsync(api, new { user = "carol", query = "plan" })));
        Assert.Equal(["the public plan"], Contents(await SearchAsync(api, new { user = "carol", query = "plan", conversationId = group })));
        Assert.Empty(await SearchAsync(api, new { user = "carol", query = "secret" }));
        Assert.Equal(["the public plan", "the secret plan"], Contents(await SearchAsync(api, new { user = "bob", query = "plan" })));
    }

    [Fact]
    public async Task MemberWhoLeft_FindsNothingThere()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = await GroupAsync(api, "alice", "bob", "carol");
        string kept = await api.CreateConversationAsync("carol", "dave");
        await api.SendAsync(group, "alice", "hello team");
        await api.SendAsync(kept, "dave", "hello carol");
        Assert.Equal(2, (await SearchAsync(api, new { user = "carol", query = "hello" })).Length);

        (await api.PostAsync("leaveConversation", new { conversationId = group, user = "carol" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("removeMembers", new { conversationId = group, actor = "alice", members = new[] { "bob" } })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["hello carol"], Contents(await SearchAsync(api, new { user = "carol", query = "hello" })));
        Assert.Empty(await SearchAsync(api, new { user = "bob", query = "hello" }));
        (await api.PostAsync("_searchMessages", new { user = "carol", query = "hello", conversationId = group })).AssertError(HttpStatusCode.Forbidden);
        Assert.Single(await SearchAsync(api, new { user = "alice", query = "hello" }));
    }

    [Fact]
    public async Task Edited_FoundByItsNewTextOnly()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "meet at the station")).GetProperty("_id").GetString()!;
        (await api.PostAsync("editMessage", new { messageId, user = "alice", content = "meet at the airport" })).AssertStatus(HttpStatusCode.OK);

        Assert.Empty(await SearchAsync(api, new { user = "bob", query = "station" }));
        JsonElement hit = Assert.Single(await SearchAsync(api, new { user = "bob", query = "airport meet" }));
        Assert.Equal("meet at the airport", hit.GetProperty("content").GetString());
        Assert.True(hit.TryGetProperty("editedAt", out _));
        Assert.Single(await SearchAsync(api, new { user = "bob", query = "meet" }));
    }

    [Fact]
    public async Task Deleted_NeverFound_NorItsConversationOnceDeleted()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string doomed = (await api.SendAsync(id, "alice", "delete this secret")).GetProperty("_id").GetString()!;
        await api.SendAsync(id, "bob", "secret reply");
        (await api.PostAsync("deleteMessage", new { messageId = doomed, user = "alice" })).AssertStatus(HttpStatusCode.OK);

        Assert.Empty(await SearchAsync(api, new { user = "bob", query = "delete" }));
        Assert.Equal(["secret reply"], Contents(await SearchAsync(api, new { user = "bob", query = "secret" })));

        (await api.PostAsync("deleteConversation", new { conversationId = id, actor = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.Empty(await SearchAsync(api, new { user = "bob", query = "secret" }));
        (await api.PostAsync("_searchMessages", new { user = "bob", query = "secret", conversationId = id })).AssertError(HttpStatusCode.NotFound);
        Assert.Empty(await SearchIndexTests.IndexRowsAsync(azurite, app.TableName, id));
    }

    [Fact]
    public async Task Reply_ShowsTheAnsweredMessageAsItNowStands()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        string answered = (await api.SendAsync(id, "alice", "first version")).GetProperty("_id").GetString()!;
        (await api.PostAsync("sendMessage", new { conversationId = id, sender = "bob", content = "quoted reply", replyTo = answered })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("editMessage", new { messageId = answered, user = "alice", content = "second version" })).AssertStatus(HttpStatusCode.OK);

        JsonElement hit = Assert.Single(await SearchAsync(api, new { user = "alice", query = "quoted" }));
        Assert.Equal("second version", hit.GetProperty("replyTo").GetProperty("preview").GetString());

        (await api.PostAsync("deleteMessage", new { messageId = answered, user = "alice" })).AssertStatus(HttpStatusCode.OK);
        hit = Assert.Single(await SearchAsync(api, new { user = "alice", query = "quoted" }));
        Assert.True(hit.GetProperty("replyTo").GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task ConversationScoped_UnknownIs404_NonMemberIs403()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hello");

        Assert.Single(await SearchAsync(api, new { user = "bob", query = "hello", conversationId = id }));
        (await api.PostAsync("_searchMessages", new { user = "mallory", query = "hello", conversationId = id })).AssertError(HttpStatusCode.Forbidden);
        string unknown = id[..^4] + (id[^4..] == "0000" ? "0001" : "0000");
        (await api.PostAsync("_searchMessages", new { user = "bob", query = "hello", conversationId = unknown })).AssertError(HttpStatusCode.NotFound);
        Assert.Empty(await SearchAsync(api, new { user = "nobody", query = "hello" }));
    }
}
