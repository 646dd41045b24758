using Messaging.Core.Conversations;
using Messaging.Core.Realtime;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Conversations;

public class ConversationCreatedFanOutTests
{
    private readonly InMemoryStores _stores = new();

    [Fact]
    public async Task FanOutAsync_AddsTheInboxEntriesAndTellsEveryParticipant()
    {
        Conversation conversation = Conversation.StartDirect(
            ConversationId.New(DateTimeOffset.UnixEpoch), "bob", "alice", "bob", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        ConversationCreated created = ConversationCreated.For(conversation, "event-1");
        var fanOut = new ConversationCreatedFanOut(_stores);

        IReadOnlyList<Notification> notifications = await fanOut.FanOutAsync(created, TestContext.Current.CancellationToken);

        Assert.Equal(created, Assert.Single(_stores.InboxAdds));
        // The creator too: their other devices list the new conversation.
        Assert.Equal(
            [new Notification("alice", RealtimeEvents.ConversationCreated, created), new Notification("bob", RealtimeEvents.ConversationCreated, created)],
            notifications);
    }
}
