using Messaging.Core.Reads;
using Messaging.Core.Realtime;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Reads;

public class MessageReadFanOutTests
{
    private readonly InMemoryStores _stores = new();

    [Fact]
    public async Task FanOutAsync_MovesTheReadersInboxAndSendsAReceiptToTheOthersOnly()
    {
        var readAt = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var read = new MessageRead("event-1", "c1", readAt, "bob", 4, readAt, ["alice", "bob"]);
        var fanOut = new MessageReadFanOut(_stores);

        IReadOnlyList<Notification> notifications = await fanOut.FanOutAsync(read, TestContext.Current.CancellationToken);

        Assert.Equal(read, Assert.Single(_stores.InboxReads));
        Assert.Empty(_stores.InboxMessages);
        Assert.Equal(new Notification("alice", RealtimeEvents.MessageRead, new ReadReceipt("c1", "bob", 4, readAt)), Assert.Single(notifications));
    }
}
