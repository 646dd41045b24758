using System.Collections.Concurrent;
using System.Diagnostics;
using Messaging.Core.Conversations;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Core.Realtime;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Events;

public class FanOutHandlerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryStores _stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The handler as the host registers it: every feature's fan-out.</summary>
    private FanOutHandler Handler() =>
        new([new ConversationCreatedFanOut(_stores), new MessageSentFanOut(_stores), new MessageReadFanOut(_stores)]);

    private static MessageSent Sent(string eventId = "sent-1") =>
        new(eventId, new Message("c1", 1, "alice", "hi", At), ["alice", "bob"]);

    [Fact]
    public async Task HandleAsync_ConversationCreated_GoesToItsFanOutOnly()
    {
        ConversationCreated created = ConversationCreated.For(Conversation.StartDirect("c1", "alice", "bob", "alice", At), "created-1");

        IReadOnlyList<Notification> notifications = await Handler().HandleAsync(created, Ct);

        Assert.Equal(created, Assert.Single(_stores.InboxAdds));
        Assert.Empty(_stores.InboxMessages);
        Assert.Empty(_stores.InboxReads);
        Assert.All(notifications, n => Assert.Equal(RealtimeEvents.ConversationCreated, n.Target));
        Assert.Equal(["alice", "bob"], notifications.Select(n => n.UserId));
    }

    [Fact]
    public async Task HandleAsync_MessageSent_GoesToItsFanOutOnly()
    {
        MessageSent sent = Sent();

        IReadOnlyList<Notification> notifications = await Handler().HandleAsync(sent, Ct);

        Assert.Equal(2, _stores.InboxMessages.Count);
        Assert.All(_stores.InboxMessages, m => Assert.Same(sent, m.Sent));
        Assert.Empty(_stores.InboxAdds);
        Assert.Empty(_stores.InboxReads);
        Assert.All(notifications, n => Assert.Equal(RealtimeEvents.NewMessage, n.Target));
        Assert.Equal(2, notifications.Count);
    }

    [Fact]
    public async Task HandleAsync_MessageRead_GoesToItsFanOutOnly()
    {
        var read = new MessageRead("read-1", "c1", At, "bob", 1, At, ["alice", "bob"]);

        IReadOnlyList<Notification> notifications = await Handler().HandleAsync(read, Ct);

        Assert.Equal(read, Assert.Single(_stores.InboxReads));
        Assert.Empty(_stores.InboxAdds);
        Assert.Empty(_stores.InboxMessages);
        Notification receipt = Assert.Single(notifications);
        Assert.Equal(("alice", RealtimeEvents.MessageRead), (receipt.UserId, receipt.Target));
    }

    [Fact]
    public async Task HandleAsync_KindWithoutFanOut_ThrowsNamingItAndChangesNothing()
    {
        var handler = new FanOutHandler([new MessageSentFanOut(_stores)]);
        var read = new MessageRead("read-1", "c1", At, "bob", 1, At, ["alice", "bob"]);

        ArgumentException thrown = await Assert.ThrowsAsync<ArgumentException>(() => handler.HandleAsync(read, Ct));

        Assert.Contains(nameof(MessageRead), thrown.Message, StringComparison.Ordinal);
        Assert.Empty(_stores.InboxReads);
        Assert.Empty(_stores.InboxMessages);
    }

    [Fact]
    public async Task HandleAsync_TwoFanOutsForOneKind_RunsBothAndJoinsTheirNotifications()
    {
        // A second registration adds to the first rather than replacing it.
        var other = new InMemoryStores();
        var handler = new FanOutHandler([new MessageSentFanOut(_stores), new MessageSentFanOut(other)]);

        IReadOnlyList<Notification> notifications = await handler.HandleAsync(Sent(), Ct);

        Assert.Equal(2, _stores.InboxMessages.Count);
        Assert.Equal(2, other.InboxMessages.Count);
        Assert.Equal(4, notifications.Count);
    }

    [Fact]
    public async Task HandleAsync_Replay_RunsTheFanOutAgain()
    {
        // The handler does not deduplicate: replays are made harmless by the idempotent inbox writes underneath.
        MessageSent sent = Sent();

        IReadOnlyList<Notification> first = await Handler().HandleAsync(sent, Ct);
        IReadOnlyList<Notification> again = await Handler().HandleAsync(sent, Ct);

        Assert.Equal(first, again);
        Assert.Equal(4, _stores.InboxMessages.Count);
    }

    [Fact]
    public async Task HandleAsync_RecordsAConsumerSpanWithEventAndConversation()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingDiagnostics.Name,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        string eventId = Guid.NewGuid().ToString("N"); // tells this test's span from parallel tests' ones

        await Handler().HandleAsync(Sent(eventId), Ct);

        Activity span = Assert.Single(stopped, a => (string?)a.GetTagItem("messaging.event.id") == eventId);
        Assert.Equal("fan-out MessageSent", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("c1", span.GetTagItem("messaging.conversation.id"));
    }
}
