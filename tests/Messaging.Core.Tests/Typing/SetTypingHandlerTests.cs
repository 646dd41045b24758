using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Realtime;
using Messaging.Core.Tests.Fakes;
using Messaging.Core.Typing;

namespace Messaging.Core.Tests.Typing;

public class SetTypingHandlerTests
{
    private readonly InMemoryStores _stores = new();
    private readonly RecordingNotifier _notifier = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SetTypingHandler Handler() => new(_stores, new InMemoryBlockStore(_stores), _notifier);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HandleAsync_Participant_TellsOnlyTheOthers(bool isTyping)
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.Unverified, new SetTyping(conversation.Id, "alice", isTyping), Ct);

        var expected = new TypingChanged(conversation.Id, "alice", isTyping);
        Assert.Equal(expected, result.Value);
        Notification notification = Assert.Single(Assert.Single(_notifier.Batches));
        Assert.Equal(new Notification("bob", RealtimeEvents.Typing, expected), notification);
    }

    [Fact]
    public async Task HandleAsync_Participant_StoresAndPublishesNothing()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        await Handler().HandleAsync(Caller.Unverified, new SetTyping(conversation.Id, "bob", true), Ct);

        // Typing is ephemeral: no outbox, no event.
        Assert.Empty(_stores.Published);
        Assert.Empty(_stores.CursorMoves);
    }

    [Fact]
    public async Task HandleAsync_NonParticipant_ForbiddenAndNobodyTold()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.Unverified, new SetTyping(conversation.Id, "mallory", true), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_notifier.Batches);
    }

    [Fact]
    public async Task HandleAsync_VerifiedAdminNotParticipant_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.User("root", isAdmin: true), new SetTyping(conversation.Id, null, true), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_notifier.Batches);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerAsSomeoneElse_ForbiddenAndNobodyTold()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.User("bob"), new SetTyping(conversation.Id, "alice", true), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_notifier.Batches);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerOmitsUser_TypesAsCaller()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.User("bob"), new SetTyping(conversation.Id, null, true), Ct);

        Assert.Equal("bob", result.Value?.User);
        Assert.Equal("alice", Assert.Single(Assert.Single(_notifier.Batches)).UserId);
    }

    [Fact]
    public async Task HandleAsync_UnverifiedWithoutUser_Invalid()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.Unverified, new SetTyping(conversation.Id, null, true), Ct);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Empty(_notifier.Batches);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70")]
    public async Task HandleAsync_UnknownConversation_NotFoundAndNobodyTold(string conversationId)
    {
        _stores.Seed("alice", "bob");

        Result<TypingChanged> result = await Handler().HandleAsync(Caller.Unverified, new SetTyping(conversationId, "alice", true), Ct);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Empty(_notifier.Batches);
    }
}
