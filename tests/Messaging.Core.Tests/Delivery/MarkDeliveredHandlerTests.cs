using Messaging.Core.Conversations;
using Messaging.Core.Delivery;
using Messaging.Core.Identity;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.Core.Tests.Delivery;

public class MarkDeliveredHandlerTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(12_345);

    private readonly InMemoryStores _stores = new();
    private readonly FakeTimeProvider _clock = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MarkDeliveredHandler Handler() => new(_stores, _stores, _stores, _clock);

    [Fact]
    public async Task HandleAsync_NoMessageId_MovesToLatestAndPublishesTheCommittedEvent()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);

        Result<MarkDeliveredResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkDelivered(conversation.Id, "bob", null), Ct);

        Assert.Equal(new MarkDeliveredResult(conversation.Id, 3), result.Value);
        Assert.Equal(3, _stores.Cursors[(conversation.Id, "bob")].Receipt.DeliveredSeq);
        Assert.Equal(0, _stores.Cursors[(conversation.Id, "bob")].Receipt.ReadSeq);
        MessageDelivered published = Assert.IsType<MessageDelivered>(Assert.Single(_stores.Published));
        Assert.Equal(Assert.Single(_stores.DeliveredMoves), published);
        Assert.Equal(("bob", 3L, Timestamps.ToMilliseconds(Now)), (published.User, published.DeliveredSeq, published.DeliveredAt));
    }

    [Fact]
    public async Task HandleAsync_AlreadyReadThatFar_NoOpAnswersTheReadPosition()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);
        _stores.SetCursor(conversation.Id, "bob", 2, Now);

        Result<MarkDeliveredResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkDelivered(conversation.Id, "bob", MessageId.Format(conversation.Id, 1)), Ct);

        Assert.Equal(new MarkDeliveredResult(conversation.Id, 2), result.Value);
        Assert.Empty(_stores.Published);
        Assert.Empty(_stores.DeliveredMoves);
    }

    [Fact]
    public async Task HandleAsync_OlderThanDelivered_NeverMovesBack()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);
        _stores.SetDelivered(conversation.Id, "bob", 3);

        Result<MarkDeliveredResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkDelivered(conversation.Id, "bob", MessageId.Format(conversation.Id, 2)), Ct);

        Assert.Equal(3, result.Value?.DeliveredSeq);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_ReadThenDeliveredFurther_KeepsTheReadCursor()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);
        _stores.SetCursor(conversation.Id, "bob", 1, Now);

        await Handler().HandleAsync(Caller.Unverified, new MarkDelivered(conversation.Id, "bob", null), Ct);

        Assert.Equal((1L, 3L), (_stores.Cursors[(conversation.Id, "bob")].Receipt.ReadSeq, _stores.Cursors[(conversation.Id, "bob")].Receipt.DeliveredSeq));
    }

    [Fact]
    public async Task HandleAsync_LosesRace_RetriesAndPublishesOnce()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);
        _stores.MoveConflictsToReport = 2;

        Result<MarkDeliveredResult> result = await Handler().HandleAsync(Caller.Unverified, new MarkDelivered(conversation.Id, "bob", null), Ct);

        Assert.Equal(2, result.Value?.DeliveredSeq);
        Assert.Single(_stores.Published);
    }

    [Theory]
    [InlineData("carol", null, ErrorKind.Forbidden)]
    [InlineData("bob", "{conv}-9", ErrorKind.NotFound)]
    [InlineData("bob", "0192f3b4c5d6e7f8091a2b3c4d5e6f70-1", ErrorKind.NotFound)]
    [InlineData("bob", "junk", ErrorKind.NotFound)]
    public async Task HandleAsync_Refused_NothingMoves(string user, string? messageId, ErrorKind expected)
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MarkDeliveredResult> result = await Handler().HandleAsync(
            Caller.Unverified, new MarkDelivered(conversation.Id, user, messageId?.Replace("{conv}", conversation.Id, StringComparison.Ordinal)), Ct);

        Assert.Equal(expected, result.Error?.Kind);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerForSomeoneElse_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MarkDeliveredResult> result = await Handler().HandleAsync(Caller.User("alice"), new MarkDelivered(conversation.Id, "bob", null), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
    }

    [Fact]
    public async Task FanOut_TellsTheOtherParticipants()
    {
        var delivered = new MessageDelivered("e", "c", Now, "bob", 2, Now, ["alice", "bob", "carol"]);

        IReadOnlyList<Notification> sent = await new MessageDeliveredFanOut().FanOutAsync(delivered, Ct);

        Assert.Equal(["alice", "carol"], sent.Select(n => n.UserId));
        Assert.All(sent, n => Assert.Equal(RealtimeEvents.MessageDelivered, n.Target));
        Assert.All(sent, n => Assert.Equal(new DeliveryReceipt("c", "bob", 2, Now), n.Payload));
    }
}
