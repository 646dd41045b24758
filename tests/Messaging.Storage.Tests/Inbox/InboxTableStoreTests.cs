using Azure.Core;
using Azure.Core.Pipeline;
using Messaging.Storage.Caching;
using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Storage.Inbox;
using Messaging.Testing;
using Messaging.Core.Reads;

namespace Messaging.Storage.Tests.Inbox;

/// <summary>Inbox entries only move forward, whatever order events arrive in, and replays change nothing.</summary>
public sealed class InboxTableStoreTests : IDisposable
{
    private const string Conversation = "0192f3b4c5d6e7f8091a2b3c4d5e6f70";
    private static readonly string[] Pair = ["alice", "bob"];
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly RequestCounter _requests = new();
    private readonly MessagingTable _table;
    private readonly MessagingTable _otherProcess;
    private readonly RowCache<InboxTableStore.Known> _versions = new(100);

    public InboxTableStoreTests(AzuriteFixture azurite)
    {
        string name = azurite.NewTableName();
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        _table = new(new TableClient(azurite.ConnectionString, name, options), TestMetrics.Storage());
        _otherProcess = new(new TableClient(azurite.ConnectionString, name), TestMetrics.Storage());
    }

    private InboxTableStore Store => new(_table, _versions);

    private static MessageSent Sent(long seq, string sender) =>
        new($"sent-{seq}", new Message(Conversation, seq, sender, $"message {seq}", T0.AddSeconds(seq)), Pair);

    private static MessageRead Read(string user, long seq) =>
        new($"read-{user}-{seq}", Conversation, T0.AddSeconds(seq), user, seq, T0.AddSeconds(seq), Pair);

    private async Task<InboxEntry> EntryAsync(string user) =>
        Assert.Single(await Store.ListAsync(user, TestContext.Current.CancellationToken));

    [Fact]
    public async Task ApplyMessage_OutOfOrderAndReplayed_EndsAtTheLatest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.AddConversationAsync(new ConversationCreated("created", Conversation, T0, ConversationKind.Direct, Pair, null), ct);

        await Store.ApplyMessageAsync("bob", Sent(3, "alice"), ct);
        await Store.ApplyMessageAsync("bob", Sent(2, "alice"), ct);
        await Store.ApplyMessageAsync("bob", Sent(3, "alice"), ct);

        InboxEntry bob = await EntryAsync("bob");
        Assert.Equal(3, bob.LastSeq);
        Assert.Equal("message 3", bob.LastPreview);
        Assert.Equal(3, bob.UnreadCount);
        Assert.Equal(Pair, bob.Participants);
    }

    [Fact]
    public async Task ApplyMessage_LongContent_PreviewKeepsWholeEmoji()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string content = new string('x', 199) + string.Concat(Enumerable.Repeat("😀", 10));

        await Store.ApplyMessageAsync("bob", Sent(1, "alice") with { Message = new Message(Conversation, 1, "alice", content, T0) }, ct);

        Assert.Equal(new string('x', 199) + "😀", (await EntryAsync("bob")).LastPreview);
    }

    [Fact]
    public async Task ApplyMessage_SendersOwnLateMessage_DoesNotMoveTheirReadCursorBack()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;

        await Store.ApplyReadAsync(Read("alice", 7), ct);
        await Store.ApplyMessageAsync("alice", Sent(5, "alice"), ct);
        await Store.ApplyMessageAsync("alice", Sent(7, "bob"), ct);

        InboxEntry alice = await EntryAsync("alice");
        Assert.Equal(7, alice.LastSeq);
        Assert.Equal(7, alice.ReadSeq);
        Assert.Equal(0, alice.UnreadCount);
    }

    [Fact]
    public async Task AddConversation_AfterMessages_KeepsTheMessageState()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.ApplyMessageAsync("bob", Sent(4, "alice"), ct);

        await Store.AddConversationAsync(new ConversationCreated("created", Conversation, T0, ConversationKind.Direct, Pair, "alice"), ct);

        InboxEntry bob = await EntryAsync("bob");
        Assert.Equal(4, bob.LastSeq);
        Assert.Equal(T0, bob.CreatedAt);
    }

    [Fact]
    public async Task ApplyRead_Concurrently_EndsAtTheHighest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.ApplyMessageAsync("bob", Sent(20, "alice"), ct);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(seq => Store.ApplyReadAsync(Read("bob", seq), ct)));

        InboxEntry bob = await EntryAsync("bob");
        Assert.Equal(20, bob.ReadSeq);
        Assert.Equal(0, bob.UnreadCount);
    }

    [Fact]
    public async Task ApplyMessage_RowKnown_OneWriteAndNoRead()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.AddConversationAsync(new ConversationCreated("created", Conversation, T0, ConversationKind.Direct, Pair, null), ct);

        int before = _requests.Count;
        for (long seq = 1; seq <= 5; seq++)
        {
            await Store.ApplyMessageAsync("bob", Sent(seq, "alice"), ct);
            await Store.ApplyReadAsync(Read("bob", seq), ct);
        }
        int perEvent = (_requests.Count - before) / 10;
        await Store.ApplyMessageAsync("bob", Sent(3, "alice"), ct); // a late duplicate: nothing to write, nothing to read

        Assert.Equal(1, perEvent);
        Assert.Equal(before + 10, _requests.Count);
        InboxEntry bob = await EntryAsync("bob");
        Assert.Equal((5, 5), (bob.LastSeq, bob.ReadSeq));
    }

    [Fact]
    public async Task ApplyMessage_AnotherProcessMovedTheRow_StaleMemoryNeverMovesItBack()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var other = new InboxTableStore(_otherProcess, new RowCache<InboxTableStore.Known>(100));
        await Store.ApplyMessageAsync("bob", Sent(3, "alice"), ct); // this process now remembers LastSeq 3

        await other.ApplyMessageAsync("bob", Sent(6, "alice"), ct);
        await Store.ApplyMessageAsync("bob", Sent(4, "alice"), ct); // 4 > 3 by memory, but the row is at 6
        Assert.Equal(6, (await EntryAsync("bob")).LastSeq);
        await Store.ApplyMessageAsync("bob", Sent(7, "alice"), ct);

        InboxEntry bob = await EntryAsync("bob");
        Assert.Equal(7, bob.LastSeq);
        Assert.Equal("message 7", bob.LastPreview);
        await other.ApplyMessageAsync("bob", Sent(5, "alice"), ct); // the other process's memory is stale too
        Assert.Equal(7, (await EntryAsync("bob")).LastSeq);
    }

    public void Dispose()
    {
        _table.Dispose();
        _otherProcess.Dispose();
        _versions.Dispose();
    }

    /// <summary>Counts the requests the store's client sends.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
