using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Reactions;

/// <summary>addReaction and removeReaction over HTTP against a real Azurite, with their event observed by real SignalR clients.</summary>
public class ReactionsTests(AzuriteFixture azurite)
{
    private const string ThumbsUp = "\U0001F44D";
    private const string Heart = "\u2764\uFE0F";

    private static async Task<(string Conversation, string Message)> DirectAsync(ApiClient api)
    {
        string id = await api.CreateConversationAsync("alice", "bob");
        string message = (await api.SendAsync(id, "alice", "hello")).GetProperty("_id").GetString()!;
        return (id, message);
    }

    private static async Task<string> GroupAsync(ApiClient api, string creator, params string[] members)
    {
        ApiResponse response = await api.PostAsync("createGroupConversation", new { creator, title = "Group", members });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.GetProperty("conversationId").GetString()!;
    }

    private static Task<ApiResponse> React(ApiClient api, string messageId, string user, string emoji, bool add = true) =>
        api.PostAsync(add ? "addReaction" : "removeReaction", new { messageId, user, emoji });

    private static async Task<JsonElement> ReactOkAsync(ApiClient api, string messageId, string user, string emoji, bool add = true)
    {
        ApiResponse response = await React(api, messageId, user, emoji, add);
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json;
    }

    /// <summary>The reactions as compact text: <c>👍 2 [alice,bob]; ❤️ 1 [bob]</c>.</summary>
    private static string Summary(JsonElement message) => string.Join("; ", message.GetProperty("reactions").EnumerateArray().Select(r =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.GetProperty("emoji").GetString()} {r.GetProperty("count").GetInt32()} [{string.Join(",", r.GetProperty("users").EnumerateArray().Select(u => u.GetString()))}]")));

    private static async Task<JsonElement> DetailsAsync(ApiClient api, string messageId)
    {
        ApiResponse details = await api.PostAsync("_getMessageDetails", new { messageId });
        details.AssertStatus(HttpStatusCode.OK);
        return details.Json[0];
    }

    [Fact]
    public async Task Add_AnswersTheMessageWithItsReactions_ThenRemove_EmptiesThem()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string message) = await DirectAsync(api);

        JsonElement added = await ReactOkAsync(api, message, "bob", ThumbsUp);

        // The bare message, as _getMessageDetails returns its elements.
        Assert.Equal(message, added.GetProperty("_id").GetString());
        Assert.Equal(id, added.GetProperty("conversationId").GetString());
        Assert.Equal("hello", added.GetProperty("content").GetString());
        Assert.Equal($"{ThumbsUp} 1 [bob]", Summary(added));
        Assert.Equal(JsonShape.Shared(added), JsonShape.Shared(await DetailsAsync(api, message)));

        JsonElement removed = await ReactOkAsync(api, message, "bob", ThumbsUp, add: false);

        Assert.Equal("[]", removed.GetProperty("reactions").GetRawText());
        Assert.Equal("[]", (await DetailsAsync(api, message)).GetProperty("reactions").GetRawText());
    }

    [Fact]
    public async Task AddTwice_And_RemoveWhatIsNotThere_AreNoOps()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (_, string message) = await DirectAsync(api);

        JsonElement first = await ReactOkAsync(api, message, "bob", ThumbsUp);
        JsonElement again = await ReactOkAsync(api, message, "bob", ThumbsUp);
        JsonElement removeOther = await ReactOkAsync(api, message, "bob", Heart, add: false);
        JsonElement removeOthers = await ReactOkAsync(api, message, "alice", ThumbsUp, add: false);

        Assert.Equal($"{ThumbsUp} 1 [bob]", Summary(first));
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(first.GetRawText(), removeOther.GetRawText());
        Assert.Equal(first.GetRawText(), removeOthers.GetRawText());
        Assert.Equal(JsonShape.Shared(first), JsonShape.Shared(await DetailsAsync(api, message)));
    }

    [Fact]
    public async Task Reactions_CountedPerEmoji_InFirstUseOrder_ReactorsInTheOrderTheyReacted()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = await GroupAsync(api, "alice", "bob", "carol");
        string message = (await api.SendAsync(group, "alice", "vote")).GetProperty("_id").GetString()!;

        await ReactOkAsync(api, message, "carol", ThumbsUp);
        await ReactOkAsync(api, message, "bob", Heart);
        await ReactOkAsync(api, message, "alice", ThumbsUp);
        JsonElement afterAdds = await ReactOkAsync(api, message, "bob", ThumbsUp);

        Assert.Equal($"{ThumbsUp} 3 [carol,alice,bob]; {Heart} 1 [bob]", Summary(afterAdds));

        // The only heart goes: the entry disappears. The thumbs keep their order without alice.
        await ReactOkAsync(api, message, "bob", Heart, add: false);
        JsonElement afterRemoves = await ReactOkAsync(api, message, "alice", ThumbsUp, add: false);
        Assert.Equal($"{ThumbsUp} 2 [carol,bob]", Summary(afterRemoves));

        // A heart again comes after the thumbs: it is first used now.
        Assert.Equal($"{ThumbsUp} 2 [carol,bob]; {Heart} 1 [alice]", Summary(await ReactOkAsync(api, message, "alice", Heart)));
    }

    [Fact]
    public async Task ElevenReactors_FirstTenShown_RemovingAShownOne_RefillsInOrder()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string[] users = [.. Enumerable.Range(0, 12).Select(i => $"u{i:D2}")];
        string group = await GroupAsync(api, "owner", users);
        string message = (await api.SendAsync(group, "owner", "react!")).GetProperty("_id").GetString()!;
        // Reacting in an order that is not the ids' order, so the list follows reaction order, not key order.
        string[] order = [.. users.Reverse()];
        foreach (string user in order)
        {
            await ReactOkAsync(api, message, user, ThumbsUp);
        }

        JsonElement all = await DetailsAsync(api, message);
        Assert.Equal($"{ThumbsUp} 12 [{string.Join(",", order.Take(10))}]", Summary(all));

        // An unshown reactor leaves: only the count moves.
        Assert.Equal($"{ThumbsUp} 11 [{string.Join(",", order.Take(10))}]", Summary(await ReactOkAsync(api, message, order[11], ThumbsUp, add: false)));

        // A shown one leaves: the next reactor in order fills the tenth place.
        string[] remaining = [.. order.Take(11).Where(u => u != order[3])];
        Assert.Equal($"{ThumbsUp} 10 [{string.Join(",", remaining)}]", Summary(await ReactOkAsync(api, message, order[3], ThumbsUp, add: false)));

        // They come back: last in order now, and not shown (ten are).
        Assert.Equal($"{ThumbsUp} 11 [{string.Join(",", remaining)}]", Summary(await ReactOkAsync(api, message, order[3], ThumbsUp)));
        string[] afterFirstLeaves = [.. remaining.Skip(1), order[3]];
        Assert.Equal($"{ThumbsUp} 10 [{string.Join(",", afterFirstLeaves)}]", Summary(await ReactOkAsync(api, message, order[0], ThumbsUp, add: false)));
        Assert.Equal(Summary(await ReactOkAsync(api, message, order[0], ThumbsUp, add: false)), Summary(await DetailsAsync(api, message)));
    }

    [Fact]
    public async Task TwentyFirstDistinctEmoji_Conflict_NothingChanges()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (_, string message) = await DirectAsync(api);
        for (int i = 0; i < 20; i++)
        {
            await ReactOkAsync(api, message, i % 2 == 0 ? "alice" : "bob", char.ConvertFromUtf32(0x1F600 + i));
        }
        string before = (await DetailsAsync(api, message)).GetRawText();

        ApiResponse refused = await React(api, message, "bob", ThumbsUp);

        Assert.Contains("20", refused.AssertError(HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(before, (await DetailsAsync(api, message)).GetRawText());
        // One of the twenty is still fine.
        Assert.Contains("\U0001F600 2 [alice,bob]", Summary(await ReactOkAsync(api, message, "bob", "\U0001F600")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"a\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"1\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\" \"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"👍 \"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"°\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"─\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"👍👍👍👍👍👍👍👍❤\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":\"\\ud83d\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\",\"emoji\":5}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"bob\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"emoji\":\"👍\"}", 400)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"\",\"emoji\":\"👍\"}", 400)]
    [InlineData("{\"user\":\"bob\",\"emoji\":\"👍\"}", 400)]
    [InlineData("{\"messageId\":\"{conv}-99\",\"user\":\"bob\",\"emoji\":\"👍\"}", 404)]
    [InlineData("{\"messageId\":\"0192f3b4c5d6e7f8091a2b3c4d5e6f70-1\",\"user\":\"bob\",\"emoji\":\"👍\"}", 404)]
    [InlineData("{\"messageId\":\"nope\",\"user\":\"bob\",\"emoji\":\"👍\"}", 404)]
    [InlineData("{\"messageId\":\"{conv}-0\",\"user\":\"bob\",\"emoji\":\"👍\"}", 404)]
    [InlineData("{\"messageId\":\"{msg}\",\"user\":\"mallory\",\"emoji\":\"👍\"}", 403)]
    public async Task BadRequest_ClientErrorAndNothingChanges(string body, int expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string message) = await DirectAsync(api);
        await ReactOkAsync(api, message, "alice", Heart);
        string before = (await DetailsAsync(api, message)).GetRawText();

        foreach (string action in (string[])["addReaction", "removeReaction"])
        {
            ApiResponse response = await api.PostRawAsync(action, body.Replace("{msg}", message, StringComparison.Ordinal).Replace("{conv}", id, StringComparison.Ordinal));

            response.AssertError((HttpStatusCode)expected);
        }
        Assert.Equal(before, (await DetailsAsync(api, message)).GetRawText());
    }

    [Fact]
    public async Task BadEmoji_SaysWhy()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (_, string message) = await DirectAsync(api);

        string error = (await React(api, message, "bob", "ok")).AssertError(HttpStatusCode.BadRequest);

        Assert.Contains("emoji", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateGroupJoiner_CannotReactToEarlierMessages_ButToLaterOnes()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string group = await GroupAsync(api, "alice", "bob");
        string before = (await api.SendAsync(group, "alice", "before carol")).GetProperty("_id").GetString()!;
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "alice", members = new[] { "carol" } })).AssertStatus(HttpStatusCode.OK);
        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = group })).Json.EnumerateArray()];
        string joined = history.Single(m => m.TryGetProperty("event", out JsonElement e) && e.GetString() == "membersAdded").GetProperty("_id").GetString()!;
        string after = (await api.SendAsync(group, "alice", "after carol")).GetProperty("_id").GetString()!;

        (await React(api, before, "carol", ThumbsUp)).AssertError(HttpStatusCode.NotFound);
        (await React(api, before, "carol", ThumbsUp, add: false)).AssertError(HttpStatusCode.NotFound);

        // The system message that added carol is hers to see, and system messages may be reacted to.
        Assert.Equal($"{Heart} 1 [carol]", Summary(await ReactOkAsync(api, joined, "carol", Heart)));
        Assert.Equal($"{ThumbsUp} 1 [carol]", Summary(await ReactOkAsync(api, after, "carol", ThumbsUp)));
        Assert.Equal("[]", (await DetailsAsync(api, before)).GetProperty("reactions").GetRawText());
    }

    [Fact]
    public async Task DeletedMessage_Conflict_NothingChanges_ItsReactionsAreErased()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string message) = await DirectAsync(api);
        await ReactOkAsync(api, message, "bob", ThumbsUp);
        (await api.PostAsync("deleteMessage", new { messageId = message, user = "alice" })).AssertStatus(HttpStatusCode.OK);
        var table = new TableClient(azurite.ConnectionString, app.TableName);
        Assert.Empty(await table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {"rx_"} and RowKey lt {"rx`"}"),
            cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
        string before = (await DetailsAsync(api, message)).GetRawText();

        foreach ((string user, bool add) in ((string, bool)[])[("alice", true), ("bob", false), ("bob", true)])
        {
            Assert.Contains("deleted", (await React(api, message, user, ThumbsUp, add)).AssertError(HttpStatusCode.Conflict), StringComparison.Ordinal);
        }
        Assert.Equal(before, (await DetailsAsync(api, message)).GetRawText());
    }

    [Fact]
    public async Task BlockedDirectConversation_RefusedBothWays_UntilUnblocked()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (_, string message) = await DirectAsync(api);
        await ReactOkAsync(api, message, "bob", ThumbsUp);
        (await api.PostAsync("blockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("You cannot message this user.", (await React(api, message, "bob", Heart)).AssertError(HttpStatusCode.Forbidden));
        Assert.Equal("You cannot message this user.", (await React(api, message, "bob", ThumbsUp, add: false)).AssertError(HttpStatusCode.Forbidden));
        Assert.StartsWith("You have blocked this user", (await React(api, message, "alice", Heart)).AssertError(HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Equal($"{ThumbsUp} 1 [bob]", Summary(await DetailsAsync(api, message)));

        (await api.PostAsync("unblockUser", new { user = "alice", blocked = "bob" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal($"{ThumbsUp} 1 [bob]; {Heart} 1 [alice]", Summary(await ReactOkAsync(api, message, "alice", Heart)));
    }

    [Fact]
    public async Task Reactions_ShowInHistoryAndDetails()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string message) = await DirectAsync(api);
        string plain = (await api.SendAsync(id, "bob", "no reactions")).GetProperty("_id").GetString()!;
        await ReactOkAsync(api, message, "bob", ThumbsUp);
        await ReactOkAsync(api, message, "alice", ThumbsUp);

        JsonElement[] history = [.. (await api.PostAsync("_getMessagesInConversation", new { conversationId = id })).Json.EnumerateArray()];

        Assert.Equal([message, plain], history.Select(m => m.GetProperty("_id").GetString()));
        Assert.Equal($"{ThumbsUp} 2 [bob,alice]", Summary(history[0]));
        Assert.Equal("[]", history[1].GetProperty("reactions").GetRawText());
        Assert.Equal(history[0].GetRawText(), (await DetailsAsync(api, message)).GetRawText());
    }

    [Fact]
    public async Task RoundTrips_AsDocumented()
    {
        // No publisher work in the background, so every counted request belongs to the call under test.
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        string[] users = [.. Enumerable.Range(0, 11).Select(i => $"u{i:D2}")];
        string group = await GroupAsync(api, "owner", users);
        string message = (await api.SendAsync(group, "owner", "count me")).GetProperty("_id").GetString()!;
        foreach (string user in users[1..])
        {
            await ReactOkAsync(api, message, user, ThumbsUp);
        }

        // One query (header, message and the reaction's row), one batch (row, message and outbox).
        Assert.Equal(2, await counting.CountAsync(() => React(api, message, users[0], ThumbsUp)));
        Assert.Equal(1, await counting.CountAsync(() => React(api, message, users[0], ThumbsUp))); // a no-op stops after the read
        Assert.Equal(2, await counting.CountAsync(() => React(api, message, users[0], ThumbsUp, add: false))); // not shown: no refill
        Assert.Equal(1, await counting.CountAsync(() => React(api, message, users[0], ThumbsUp, add: false)));
        await ReactOkAsync(api, message, users[0], ThumbsUp);
        // A shown reactor of more than ten: the emoji's rows are read to fill the tenth place.
        Assert.Equal(3, await counting.CountAsync(() => React(api, message, users[1], ThumbsUp, add: false)));
        Assert.Equal(0, await counting.CountAsync(() => React(api, "nope", users[1], ThumbsUp)));
    }

    [Fact]
    public async Task FiftyUsersInParallel_NoReactionLost() => await ReactInParallelAsync(servers: 1);

    [Fact]
    public async Task FiftyUsersInParallel_OnTwoServers_NoReactionLost() => await ReactInParallelAsync(servers: 2);

    /// <summary>
    /// 50 members of a 51-member group react to one message at once (spread over <paramref name="servers"/> apps on one
    /// table), then all take it back at once: every one counts, the shown ten are the first ten rows, and nothing is left.
    /// </summary>
    private async Task ReactInParallelAsync(int servers)
    {
        string tableName = azurite.NewTableName();
        MessagingApp[] apps = [.. Enumerable.Range(0, servers).Select(_ => new MessagingApp(azurite, tableName))];
        try
        {
            using ApiClient setup = apps[0].Api();
            string[] users = [.. Enumerable.Range(0, 50).Select(i => $"user{i:D2}")];
            string group = await GroupAsync(setup, "owner", users);
            string message = (await setup.SendAsync(group, "owner", "everyone react")).GetProperty("_id").GetString()!;
            // No settling between calls: they are to overlap.
            ApiClient[] clients = [.. apps.Select(app => new ApiClient(app.CreateClient()))];

            ApiResponse[] added = await Task.WhenAll(users.Select((user, i) => React(clients[i % servers], message, user, ThumbsUp)));

            Assert.All(added, response => response.AssertStatus(HttpStatusCode.OK));
            JsonElement reaction = Assert.Single((await DetailsAsync(setup, message)).GetProperty("reactions").EnumerateArray());
            Assert.Equal(50, reaction.GetProperty("count").GetInt32());
            string[] shown = [.. reaction.GetProperty("users").EnumerateArray().Select(u => u.GetString()!)];
            // The rows agree: one per user, and the first ten of them (by when they were made) are the ones shown.
            var table = new TableClient(azurite.ConnectionString, tableName);
            List<TableEntity> rows = [];
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {group} and RowKey ge {"rx_"} and RowKey lt {"rx`"}"), cancellationToken: TestContext.Current.CancellationToken))
            {
                rows.Add(row);
            }
            Assert.Equal(users, rows.Select(r => r.RowKey[(r.RowKey.IndexOf('~', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal));
            Assert.Equal(
                rows.OrderBy(r => r.GetDateTimeOffset("ReactedAt")).Take(10).Select(r => r.RowKey[(r.RowKey.IndexOf('~', StringComparison.Ordinal) + 1)..]),
                shown);
            Assert.Equal(50, rows.Select(r => r.GetDateTimeOffset("ReactedAt")).Distinct().Count());
            // Each addition answered with the message as it stood once that reaction was in.
            Assert.All(added.Zip(users), pair => Assert.Contains(pair.First.Json.GetProperty("reactions").EnumerateArray(),
                r => r.GetProperty("count").GetInt32() >= 1 && (r.GetProperty("users").EnumerateArray().Any(u => u.GetString() == pair.Second) || r.GetProperty("count").GetInt32() > 10)));

            ApiResponse[] removed = await Task.WhenAll(users.Select((user, i) => React(clients[(i + 1) % servers], message, user, ThumbsUp, add: false)));

            Assert.All(removed, response => response.AssertStatus(HttpStatusCode.OK));
            Assert.Equal("[]", (await DetailsAsync(setup, message)).GetProperty("reactions").GetRawText());
            foreach (ApiClient client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            foreach (MessagingApp app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ReactionChanged_ReachesEveryoneWhoSeesTheMessage_OverSignalR_NoOpsSendNothing()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        (string id, string message) = await DirectAsync(api);
        await using HubListener<string> alice = await ListenAsync(app, "alice");
        await using HubListener<string> bob = await ListenAsync(app, "bob");

        await ReactOkAsync(api, message, "bob", ThumbsUp);
        await ReactOkAsync(api, message, "bob", ThumbsUp);              // a no-op: no event
        await ReactOkAsync(api, message, "bob", Heart, add: false);     // a no-op: no event
        await ReactOkAsync(api, message, "bob", ThumbsUp, add: false);

        // Exactly these fields, then their values.
        string added = $"added,conversationId,emoji,messageId,user {id} {message} {ThumbsUp} bob True";
        string removed = $"added,conversationId,emoji,messageId,user {id} {message} {ThumbsUp} bob False";
        foreach (HubListener<string> listener in (HubListener<string>[])[alice, bob]) // bob too: his other devices follow
        {
            Assert.Equal(added, await listener.NextAsync());
            Assert.Equal(removed, await listener.NextAsync());
        }
    }

    /// <summary>A user's <c>reactionChanged</c> events, each as its field names and then "conversationId messageId emoji user added".</summary>
    private static Task<HubListener<string>> ListenAsync(MessagingApp app, string user) =>
        HubListener<string>.ConnectAsync(app, user, "reactionChanged", changed =>
            string.Join(",", changed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)) + " "
            + string.Join(" ", ((string[])["conversationId", "messageId", "emoji", "user"]).Select(name => changed.GetProperty(name).GetString())
                .Append(changed.GetProperty("added").GetBoolean().ToString())));
}
