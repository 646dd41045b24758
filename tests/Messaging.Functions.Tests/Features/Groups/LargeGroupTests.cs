using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Groups;
using Messaging.Core.Messages;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Groups;

/// <summary>
/// Groups at their largest, <see cref="MessagingLimits.MaxGroupMembers"/> members, against a real Azurite: the header's
/// member list split over several properties, one inbox row per member, and the member-id budget
/// (<see cref="MessagingLimits.MaxGroupMemberIdBytes"/>) that keeps a group's events inside one Service Bus message.
/// </summary>
public class LargeGroupTests(AzuriteFixture azurite)
{
    private const int Size = MessagingLimits.MaxGroupMembers;

    /// <summary>Azure Service Bus Standard's largest message, which every event must fit (the infra deploys Standard).</summary>
    private const int ServiceBusStandardMaxMessageBytes = 256 * 1024;

    /// <summary>
    /// A creator and 999 members: every third a GUID string (what identity providers issue), the rest short names, so
    /// the header's member list (about 70,000 characters) is split over several properties.
    /// </summary>
    private static string[] Users(string prefix) =>
        [.. Enumerable.Range(0, Size).Select(i => i % 3 == 0 ? Guid.NewGuid().ToString() : string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}"))];

    private static async Task<string> CreateAsync(ApiClient api, string[] users)
    {
        ApiResponse created = await api.PostAsync("createGroupConversation", new { creator = users[0], title = "Everyone", members = users[1..] });
        created.AssertStatus(HttpStatusCode.OK);
        return created.Json.GetProperty("conversationId").GetString()!;
    }

    /// <summary>The first and last members, the last ten (the end of the list), and 20 at random.</summary>
    private static IEnumerable<string> Sample(string[] users) =>
        users.Take(1).Concat(users.TakeLast(10)).Concat(Random.Shared.GetItems(users, 20)).Distinct(StringComparer.Ordinal);

    [Fact]
    public async Task ThousandMembers_SendFansOutToEveryone_MembersHeaderAndLimitHold()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api(); // each call returns once its fan-out has run
        string[] users = Users("large");
        string id = await CreateAsync(api, users);

        await api.SendAsync(id, users[500], "hello, all 1,000 of you");

        foreach (string user in Sample(users))
        {
            JsonElement listed = Assert.Single((await api.PostAsync("_getConversationsForUser", new { user })).Json.EnumerateArray());
            Assert.Equal(id, listed.GetProperty("_id").GetString());
            // The sender has read their own message.
            Assert.Equal(user == users[500] ? 0 : 1, listed.GetProperty("unreadCount").GetInt64());
            Assert.Equal(Size, listed.GetProperty("participants").GetArrayLength());
        }
        ApiResponse members = await api.PostAsync("_getMembers", new { conversationId = id });
        Assert.Equal(users, members.Json.EnumerateArray().Select(m => m.GetProperty("user").GetString()));

        // The header round-trips through storage split over several properties (see LargeText).
        var table = new TableClient(azurite.ConnectionString, app.TableName);
        TableEntity header = (await table.GetEntityAsync<TableEntity>(id, "conv", cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.True(header.GetInt32("MembersParts") > 1, $"MembersParts: {header.GetInt32("MembersParts")}");

        // Full: one more is refused, and nothing changes.
        ApiResponse full = await api.PostAsync("addMembers", new { conversationId = id, actor = users[0], members = new[] { "one-too-many" } });
        Assert.Contains("1,000", full.AssertError(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = "one-too-many" })).Json.EnumerateArray());

        // Remove one (from the end of the list), then there is room for one.
        (await api.PostAsync("removeMembers", new { conversationId = id, actor = users[0], members = new[] { users[^1] } })).AssertStatus(HttpStatusCode.OK);
        ApiResponse added = await api.PostAsync("addMembers", new { conversationId = id, actor = users[0], members = new[] { "newcomer" } });
        added.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(Size, added.Json.GetProperty("participants").GetArrayLength());

        string[] now = [.. users[..^1], "newcomer"];
        Assert.Equal(now, (await api.PostAsync("_getMembers", new { conversationId = id })).Json.EnumerateArray().Select(m => m.GetProperty("user").GetString()));
        Assert.Empty((await api.PostAsync("_getConversationsForUser", new { user = users[^1] })).Json.EnumerateArray());
        JsonElement newcomer = Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = "newcomer" })).Json.EnumerateArray());
        Assert.Equal(Size, newcomer.GetProperty("participants").GetArrayLength());
        (await api.PostAsync("addMembers", new { conversationId = id, actor = users[0], members = new[] { "one-too-many" } })).AssertError(HttpStatusCode.BadRequest);

        // A second app, which has seen none of it, reads the same 1,000 from storage.
        await using var other = new MessagingApp(azurite, app.TableName);
        using ApiClient fresh = other.Api();
        Assert.Equal(now, (await fresh.PostAsync("_getMembers", new { conversationId = id })).Json.EnumerateArray().Select(m => m.GetProperty("user").GetString()));
        await fresh.SendAsync(id, "newcomer", "and hello from me");
        foreach (string user in Sample(now))
        {
            JsonElement listed = Assert.Single((await fresh.PostAsync("_getConversationsForUser", new { user })).Json.EnumerateArray());
            Assert.Equal("and hello from me", listed.GetProperty("lastMessage").GetProperty("preview").GetString());
        }
    }

    [Fact]
    public async Task ThousandMembers_FanOutOfOneMessage_IsOneWritePerMember_NoReadsWhenWarm()
    {
        var counters = new[] { new StorageCalls(), new StorageCalls() };
        string table = azurite.NewTableName();
        MessagingApp Instance(StorageCalls calls)
        {
            var options = new TableClientOptions();
            options.AddPolicy(calls, HttpPipelinePosition.PerRetry);
            return new MessagingApp(azurite, table, services =>
                services.UseTableClient(_ => new TableClient(azurite.ConnectionString, table, options)));
        }
        await using MessagingApp warm = Instance(counters[0]);
        using ApiClient api = warm.Api();
        string[] users = Users("fan");
        string id = await CreateAsync(api, users);
        await api.SendAsync(id, users[0], "first"); // the creation's outbox row now rides along in a batch

        // Warm: the header and every inbox row are remembered from the creation and the first send.
        counters[0].Reset();
        await api.SendAsync(id, users[1], "second");
        (int reads, int inboxWrites, int others) = counters[0].Reset();
        // The fan-out has run (the client waits for it): exactly one inbox write per member.
        Assert.Equal(0, reads);
        Assert.Equal(Size, inboxWrites);
        Assert.Equal(2, others); // the send's batch (which also deletes the previous event's outbox row), and the search index's one batch

        // Cold: a second server that has seen none of the rows reads each once (one point read per member, and
        // the header), then writes each once.
        await using MessagingApp cold = Instance(counters[1]);
        using ApiClient coldApi = cold.Api();
        await coldApi.PostAsync("_getConversationsForUser", new { user = "nobody" }); // finds the table
        counters[1].Reset();
        await coldApi.SendAsync(id, users[2], "third");
        (reads, inboxWrites, others) = counters[1].Reset();
        Assert.Equal(Size, reads);
        Assert.Equal(Size, inboxWrites);
        Assert.Equal(3, others); // the header's read, the send's batch and the search index's batch
    }

    [Fact]
    public async Task MemberIdBudget_ThousandIdsOf64Characters_Fit_OneByteMoreIs400()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        // 1,000 ids of 64 characters: exactly the budget (64,000 bytes).
        string[] users = [.. Enumerable.Range(0, Size).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i:D4}-").PadRight(64, 'x'))];
        string[] over = [.. users[..^1], users[^1] + "y"];

        string error = (await api.PostAsync("createGroupConversation", new { creator = over[0], title = "Over", members = over[1..] })).AssertError(HttpStatusCode.BadRequest);
        Assert.Contains("64,000 bytes", error, StringComparison.Ordinal);
        string id = await CreateAsync(api, users);
        await api.SendAsync(id, users[^1], "fits");

        JsonElement listed = Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = users[^2] })).Json.EnumerateArray());
        Assert.Equal(1, listed.GetProperty("unreadCount").GetInt64());
        Assert.Equal(users, (await api.PostAsync("_getMembers", new { conversationId = id })).Json.EnumerateArray().Select(m => m.GetProperty("user").GetString()));
        // Swapping a member for one with a longer id goes over the budget too.
        (await api.PostAsync("removeMembers", new { conversationId = id, actor = users[0], members = new[] { users[^1] } })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("addMembers", new { conversationId = id, actor = users[0], members = new[] { over[^1] } })).AssertError(HttpStatusCode.BadRequest);
        (await api.PostAsync("addMembers", new { conversationId = id, actor = users[0], members = new[] { users[^1] } })).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MemberIdBudget_LongestIds_500Fit_501Are400()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string[] users = [.. Enumerable.Range(0, 501).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i:D4}-").PadRight(MessagingLimits.MaxUserIdLength, 'x'))];

        (await api.PostAsync("createGroupConversation", new { creator = users[0], title = "Long ids", members = users[1..] })).AssertError(HttpStatusCode.BadRequest);
        string id = await CreateAsync(api, users[..500]);
        await api.SendAsync(id, users[0], "fits");
        Assert.Equal(500, (await api.PostAsync("_getMembers", new { conversationId = id })).Json.GetArrayLength());
    }

    /// <summary>
    /// The budget's reason: at the budget, with the worst case of everything else (escaped ids, the longest title in
    /// four-byte characters, large sequence numbers), a group's largest events still fit one Service Bus Standard message.
    /// </summary>
    [Fact]
    public void MemberIdBudget_LargestEventsFitOneServiceBusStandardMessage()
    {
        DateTimeOffset now = new(2026, 12, 2, 10, 0, 0, 123, TimeSpan.Zero);
        // Control characters are escaped as \u0001 in JSON: 6 bytes each, so 10 of them and 4 more characters are 64.
        string[] users = [.. Enumerable.Range(0, Size).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i:D4}") + new string('\u0001', 10))];
        Assert.All(users, u => Assert.Equal(64, GroupRules.MemberIdBytes(u)));
        string title = string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxTitleLength));
        var group = Conversation.StartGroup(ConversationId.New(now), users[0], users[1..], title, "a-category-of-thirty-two-chars-x", now);
        Assert.Null(GroupRules.CheckMemberIds(group.Members));

        var created = ConversationCreated.For(group, MessagingEvent.NewId(now));
        // A group that grew to 1,000 by later additions: every member's join point is a large sequence number.
        Conversation grown = group.WithMembers([group.Members[0], .. group.Members.Skip(1).Select(m => m with { FromSeq = long.MaxValue / 10 })]) with { LastSeq = long.MaxValue / 10 };
        (Conversation next, Message added) = grown.PostSystem(users[0], GroupChanges.MembersAdded, users[1..], "x added everyone", now);
        var changed = ConversationChanged.For(next, added, GroupChanges.MembersAdded, [], MessagingEvent.NewId(now));
        // Removing all but the admin lists the removed twice too (the event's Removed and its system message).
        (Conversation emptied, Message removed) = grown.PostSystem(users[0], GroupChanges.MembersRemoved, users[1..], "x removed everyone", now);
        var removal = ConversationChanged.For(emptied.WithMembers([grown.Members[0]]), removed, GroupChanges.MembersRemoved, users[1..], MessagingEvent.NewId(now));
        var sent = new MessageSent(MessagingEvent.NewId(now), new Message(group.Id, 1, users[0], string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxContentLength / 8)), now), group.Participants) { IsGroup = true };

        var sizes = new List<string>();
        foreach (MessagingEvent evt in new MessagingEvent[] { created, changed, removal, sent })
        {
            // What goes on the topic: the downstream data and the fan-out's part, which refers to it for what they share.
            int bytes = Encoding.UTF8.GetByteCount(EventEnvelope.Serialize(evt));
            // Some room for the message's AMQP envelope and properties (ids, session, content type).
            sizes.Add($"{evt.GetType().Name}: {bytes:N0} bytes");
            Assert.True(bytes < ServiceBusStandardMaxMessageBytes - 4096, $"{evt.GetType().Name}: {bytes:N0} bytes");
        }
    }

    /// <summary>Table Storage requests by kind: inbox point reads and writes (a user_ partition's row), and the rest.</summary>
    private sealed class StorageCalls : HttpPipelineSynchronousPolicy
    {
        private int _inboxReads;
        private int _inboxWrites;
        private int _others;

        public (int InboxReads, int InboxWrites, int Others) Reset() =>
            (Interlocked.Exchange(ref _inboxReads, 0), Interlocked.Exchange(ref _inboxWrites, 0), Interlocked.Exchange(ref _others, 0));

        public override void OnSendingRequest(HttpMessage message)
        {
            Request request = message.Request;
            if (!Uri.UnescapeDataString(request.Uri.ToString()).Contains("(PartitionKey='user_", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _others);
            }
            else if (request.Method == RequestMethod.Get)
            {
                Interlocked.Increment(ref _inboxReads);
            }
            else
            {
                Interlocked.Increment(ref _inboxWrites);
            }
        }
    }
}
