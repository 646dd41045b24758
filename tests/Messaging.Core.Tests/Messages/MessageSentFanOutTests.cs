using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Messages;

public class MessageSentFanOutTests
{
    private readonly InMemoryStores _stores = new();

    [Fact]
    public async Task FanOutAsync_MovesEveryInboxAndTellsEveryoneIncludingTheSender()
    {
        var message = new Message("c1", 7, "alice", "hi", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var sent = new MessageSent("event-1", message, ["alice", "bob"]);
        var fanOut = new MessageSentFanOut(_stores);

        IReadOnlyList<Notification> notifications = await fanOut.FanOutAsync(sent, TestContext.Current.CancellationToken);

        Assert.Equal([("alice", sent), ("bob", sent)], _stores.InboxMessages.OrderBy(m => m.User, StringComparer.Ordinal));
        Assert.Equal(
            [new Notification("alice", RealtimeEvents.NewMessage, message), new Notification("bob", RealtimeEvents.NewMessage, message)],
            notifications);
    }
}
