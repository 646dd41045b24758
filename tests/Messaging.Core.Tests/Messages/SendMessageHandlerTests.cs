using Messaging.Core.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Messaging.Core.Blocking;
using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Messages;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Messages;

public sealed class SendMessageHandlerTests : IDisposable
{
    private readonly InMemoryStores _stores = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly TestMeters _meters = new();

    public void Dispose() => _meters.Dispose();

    private SendMessageHandler Handler() => new(_stores, _stores, new StripedLock(), _clock, new MessagingMetrics(_meters));

    private async Task<string> StartAsync()
    {
        var create = new CreateConversationHandler(_stores, _stores, _stores, _clock, new DirectBlocks(new InMemoryBlockStore(_stores)));
        Result<ConversationCreated> created = await create.HandleAsync(Caller.Unverified, new CreateConversation("alice", "bob"), TestContext.Current.CancellationToken);
        _stores.Published.Clear();
        return created.Value!.ConversationId;
    }

    [Fact]
    public async Task HandleAsync_Participant_AppendsNextSeqAndPublishes()
    {
        string id = await StartAsync();

        Result<Message> first = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);
        Result<Message> second = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "bob", "hello"), TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Value?.Seq);
        Assert.Equal(2, second.Value?.Seq);
        Assert.Equal(2, _stores.Conversations[id].LastSeq);
        Assert.Equal([first.Value!.Id, second.Value!.Id], _stores.Published.OfType<MessageSent>().Select(e => e.Message.Id));
        Assert.All(_stores.Published.OfType<MessageSent>(), e => Assert.Equal(["alice", "bob"], e.Participants));
    }

    [Fact]
    public async Task HandleAsync_SenderNotParticipant_ForbiddenAndNothingStored()
    {
        string id = await StartAsync();

        Result<Message> result = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "mallory", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_stores.Messages);
        Assert.Empty(_stores.Published);
        Assert.Equal(0, _meters.Total("messaging.messages.sent"));
    }

    [Fact]
    public async Task HandleAsync_RememberedHeaderCurrent_NoRead()
    {
        string id = await StartAsync();
        _stores.Remembered[id] = _stores.Conversations[id];

        Result<Message> sent = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(1, sent.Value?.Seq);
        Assert.Equal(0, _stores.HeaderReads);
    }

    [Fact]
    public async Task HandleAsync_RememberedHeaderStale_ReadsAfreshAndContinuesTheSequence()
    {
        string id = await StartAsync();
        Conversation before = _stores.Conversations[id];
        await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "bob", "from another server"), TestContext.Current.CancellationToken);
        _stores.Remembered[id] = before; // this server still remembers the header at seq 0
        _clock.Advance(TimeSpan.FromSeconds(1));

        Result<Message> sent = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(2, sent.Value?.Seq);
        Assert.Equal([1L, 2L], _stores.Messages.Select(m => m.Seq));
        Assert.Equal(2, _stores.HeaderReads); // the other server's send, and this one's after its stale batch
    }

    [Fact]
    public async Task HandleAsync_RememberedWithoutTheSender_CheckedAgainstStorageBeforeRefusing()
    {
        string id = await StartAsync();
        Conversation stored = _stores.Conversations[id];
        _stores.Remembered[id] = stored with { Participants = ["alice", "carol"] }; // an outdated member list

        Result<Message> bob = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "bob", "hi"), TestContext.Current.CancellationToken);
        Result<Message> mallory = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "mallory", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(1, bob.Value?.Seq);
        Assert.Equal(ErrorKind.Forbidden, mallory.Error?.Kind);
        Assert.Equal(2, _stores.HeaderReads);
    }

    [Fact]
    public async Task HandleAsync_Stored_CountsMessagesSent()
    {
        string id = await StartAsync();
        _stores.ConflictsToReport = 1; // a lost race is retried, not counted twice

        await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);
        await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "bob", "hello"), TestContext.Current.CancellationToken);

        Assert.Equal(2, _meters.Total("messaging.messages.sent"));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70")]
    public async Task HandleAsync_UnknownConversation_NotFound(string conversationId)
    {
        Result<Message> result = await Handler().HandleAsync(Caller.Unverified, new SendMessage(conversationId, "alice", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task HandleAsync_EmptyContent_InvalidBeforeAnyRead()
    {
        Result<Message> result = await Handler().HandleAsync(Caller.Unverified, new SendMessage("x", "alice", "   "), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
    }

    [Fact]
    public async Task HandleAsync_LosesRaceTwice_RetriesAndStoresOnce()
    {
        string id = await StartAsync();
        _stores.ConflictsToReport = 2;

        Result<Message> result = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Single(_stores.Messages);
        Assert.Single(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_AlwaysLosesRace_GivesUpWithConflict()
    {
        string id = await StartAsync();
        _stores.ConflictsToReport = SendMessageHandler.MaxAttempts;

        Result<Message> result = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Empty(_stores.Messages);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_SameClientMessageIdTwice_ReturnsOriginalAndStoresOnce()
    {
        string id = await StartAsync();

        Result<Message> first = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi", "key-1"), TestContext.Current.CancellationToken);
        Result<Message> retry = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi", "key-1"), TestContext.Current.CancellationToken);
        Result<Message> otherSender = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "bob", "hi", "key-1"), TestContext.Current.CancellationToken);

        Assert.Equal(first.Value, retry.Value);
        Assert.Equal(2, otherSender.Value?.Seq);
        Assert.Equal(2, _stores.Messages.Count);
        Assert.Equal(2, _stores.Published.Count);
    }

    [Fact]
    public async Task HandleAsync_SameClientMessageIdOtherContent_ConflictNamingOriginalAndNothingStored()
    {
        string id = await StartAsync();
        Message first = (await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi", "key-1"), TestContext.Current.CancellationToken)).Value!;
        _stores.Published.Clear();

        Result<Message> reused = await Handler().HandleAsync(Caller.Unverified, new SendMessage(id, "alice", "hi!", "key-1"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Conflict, reused.Error?.Kind);
        Assert.Equal($"clientMessageId 'key-1' was already used for message {first.Id} with different content.", reused.Error?.Message);
        Assert.Single(_stores.Messages);
        Assert.Equal(1, _stores.Conversations[id].LastSeq);
        Assert.Empty(_stores.Published);
        Assert.Equal(1, _meters.Total("messaging.messages.sent"));
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerSendsAsSomeoneElse_Forbidden()
    {
        string id = await StartAsync();

        Result<Message> result = await Handler().HandleAsync(Caller.User("bob"), new SendMessage(id, "alice", "hi"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_stores.Messages);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerOmitsSender_SendsAsCaller()
    {
        string id = await StartAsync();

        Result<Message> result = await Handler().HandleAsync(Caller.User("bob"), new SendMessage(id, null, "hi"), TestContext.Current.CancellationToken);

        Assert.Equal("bob", result.Value?.Sender);
    }
}
