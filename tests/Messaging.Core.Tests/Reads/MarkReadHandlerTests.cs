using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.Core.Tests.Reads;

public class MarkReadHandlerTests
{
    // Sub-millisecond ticks on purpose: read times are kept at millisecond precision.
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(12_345);

    private readonly InMemoryStores _stores = new();
    private readonly FakeTimeProvider _clock = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MarkReadHandler Handler() => new(_stores, _stores, _clock);

    [Fact]
    public async Task HandleAsync_NoMessageId_MovesCursorToLatestAndPublishes()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversation.Id, "bob", null), Ct);

        Assert.Equal(new MarkReadResult(conversation.Id, 3, 0), result.Value);
        Assert.Equal(3, _stores.Cursors[(conversation.Id, "bob")].Receipt.ReadSeq);
        MessageRead published = Assert.IsType<MessageRead>(Assert.Single(_stores.Published));
        Assert.Equal("bob", published.User);
        Assert.Equal(3, published.ReadSeq);
        Assert.Equal(conversation.Id, published.ConversationId);
        Assert.Equal(["alice", "bob"], published.Participants);
        Assert.Equal(Timestamps.ToMilliseconds(Now), published.ReadAt);
        Assert.Equal(published.ReadAt, published.OccurredAt);
    }

    [Fact]
    public async Task HandleAsync_Moved_EventCommittedWithTheMoveIsTheOnePublished()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 1);

        await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversation.Id, "bob", null), Ct);

        // The outbox row and the published event must be the same event (same id), or the sweeper would double it.
        Assert.Equal(Assert.Single(_stores.CursorMoves), Assert.Single(_stores.Published));
    }

    [Fact]
    public async Task HandleAsync_MessageId_MovesCursorThereAndCountsTheRestUnread()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 5);

        Result<MarkReadResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkRead(conversation.Id, "bob", MessageId.Format(conversation.Id, 2)), Ct);

        Assert.Equal(new MarkReadResult(conversation.Id, 2, 3), result.Value);
        Assert.Equal(2, Assert.IsType<MessageRead>(Assert.Single(_stores.Published)).ReadSeq);
    }

    [Fact]
    public async Task HandleAsync_OlderMessageThanCursor_NeverMovesBackAndPublishesNothing()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 5);
        _stores.SetCursor(conversation.Id, "bob", 4, Now.AddMinutes(-1));

        Result<MarkReadResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkRead(conversation.Id, "bob", MessageId.Format(conversation.Id, 1)), Ct);

        Assert.Equal(new MarkReadResult(conversation.Id, 4, 1), result.Value);
        Assert.Equal(4, _stores.Cursors[(conversation.Id, "bob")].Receipt.ReadSeq);
        Assert.Empty(_stores.CursorMoves);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_AlreadyAtLatest_NoEvent()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);
        _stores.SetCursor(conversation.Id, "bob", 2, Now.AddMinutes(-1));

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversation.Id, "bob", null), Ct);

        Assert.Equal(new MarkReadResult(conversation.Id, 2, 0), result.Value);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_NonParticipant_ForbiddenAndNothingMoved()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversation.Id, "mallory", null), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_stores.Cursors);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerMarksForSomeoneElse_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.User("alice"), new MarkRead(conversation.Id, "bob", null), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_stores.Cursors);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerOmitsUser_MovesOwnCursor()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        await Handler().HandleAsync(Caller.User("bob"), new MarkRead(conversation.Id, null, null), Ct);

        Assert.Equal((conversation.Id, "bob"), Assert.Single(_stores.Cursors.Keys));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70")]
    public async Task HandleAsync_UnknownConversation_NotFound(string conversationId)
    {
        _stores.Seed("alice", "bob", messages: 1);

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversationId, "bob", null), Ct);

        Assert.Equal(new Error(ErrorKind.NotFound, "Conversation was not found."), result.Error);
    }

    [Fact]
    public async Task HandleAsync_MessageAfterTheLatest_MessageNotFound()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MarkReadResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkRead(conversation.Id, "bob", MessageId.Format(conversation.Id, 3)), Ct);

        Assert.Equal(new Error(ErrorKind.NotFound, "Message was not found."), result.Error);
        Assert.Empty(_stores.Cursors);
    }

    [Fact]
    public async Task HandleAsync_MessageOfAnotherConversation_MessageNotFound()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);
        Conversation other = _stores.Seed("bob", "carol", messages: 2);

        Result<MarkReadResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkRead(conversation.Id, "bob", MessageId.Format(other.Id, 1)), Ct);

        Assert.Equal(new Error(ErrorKind.NotFound, "Message was not found."), result.Error);
        Assert.Empty(_stores.Cursors);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{0}-0")]
    [InlineData("{0}-01")]
    public async Task HandleAsync_MalformedMessageId_MessageNotFound(string format)
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MarkReadResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkRead(conversation.Id, "bob", format.Replace("{0}", conversation.Id, StringComparison.Ordinal)), Ct);

        Assert.Equal(new Error(ErrorKind.NotFound, "Message was not found."), result.Error);
    }

    [Fact]
    public async Task HandleAsync_LosesRace_RetriesAndPublishesOnce()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);
        _stores.MoveConflictsToReport = 3;

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversation.Id, "bob", null), Ct);

        Assert.Equal(2, result.Value?.ReadSeq);
        Assert.Single(_stores.CursorMoves);
        Assert.Single(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_RacingReaderGotFurther_RereadsAndKeepsTheFurtherCursor()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 5);
        // Bob's other device marks message 4 read between our load and our move: our move (to 2) is stale.
        _stores.BeforeNextMove = () => _stores.SetCursor(conversation.Id, "bob", 4, Now);

        Result<MarkReadResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkRead(conversation.Id, "bob", MessageId.Format(conversation.Id, 2)), Ct);

        Assert.Equal(new MarkReadResult(conversation.Id, 4, 1), result.Value);
        Assert.Equal(4, _stores.Cursors[(conversation.Id, "bob")].Receipt.ReadSeq);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_AlwaysLosesRace_GivesUpWithConflict()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);
        _stores.MoveConflictsToReport = int.MaxValue;

        Result<MarkReadResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkRead(conversation.Id, "bob", null), Ct);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Empty(_stores.CursorMoves);
        Assert.Empty(_stores.Published);
    }
}
