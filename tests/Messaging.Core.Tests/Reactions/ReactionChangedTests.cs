using Messaging.Core.Events;
using Messaging.Core.Reactions;
using Messaging.Core.Realtime;

namespace Messaging.Core.Tests.Reactions;

public class ReactionChangedTests
{
    private static readonly ReactionChanged Changed = new(
        "e1", "0192f3b4c5d6e7f8091a2b3c4d5e6f70", DateTimeOffset.Parse("2026-11-22T04:32:12.345Z", System.Globalization.CultureInfo.InvariantCulture),
        7, "\U0001F44D", "bob", Added: true, ["alice", "bob", "carol"]);

    [Fact]
    public void EventJson_RoundTrips_WithoutTheComputedMessageId()
    {
        string json = EventJson.Serialize(Changed);

        var back = Assert.IsType<ReactionChanged>(EventJson.Deserialize(json));
        Assert.Equal(Changed with { Participants = back.Participants }, back);
        Assert.Equal(Changed.Participants, back.Participants);
        Assert.Equal("0192f3b4c5d6e7f8091a2b3c4d5e6f70-7", back.MessageId);
        Assert.DoesNotContain("messageId", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"ReactionChanged\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FanOut_TellsEveryParticipant_TheReactorToo()
    {
        var fanOut = new ReactionChangedFanOut();

        IReadOnlyList<Notification> notifications = await fanOut.FanOutAsync(Changed, TestContext.Current.CancellationToken);

        Assert.Equal(["alice", "bob", "carol"], notifications.Select(n => n.UserId));
        Assert.All(notifications, n =>
        {
            Assert.Equal(RealtimeEvents.ReactionChanged, n.Target);
            Assert.Same(Changed, n.Payload);
        });
    }
}
