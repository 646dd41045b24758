using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Storage.Inbox;
using Messaging.Testing;
using Messaging.Core.Reads;

namespace Messaging.Storage.Tests.Inbox;

/// <summary>Inbox entries only move forward, whatever order events arrive in, and replays change nothing.</summary>
public sealed class InboxTableStoreTests(AzuriteFixture azurite) : IDisposable
{
    private const string Conversation = "0192f3b4c5d6e7f8091a2b3c4d5e6f70";
    private static readonly string[] Pair = ["alice", "bob"];
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly MessagingTable _table = new(new TableClient(azurite.ConnectionString, azurite.NewTableName()));

    private InboxTableStore Store => new(_table);

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

    public void Dispose() => _table.Dispose();
}
