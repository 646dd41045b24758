using Messaging.Core.Conversations;
using Messaging.Core.Delivery;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Tests.Delivery;

public class DeliveryStatusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReadReceipt Cursor(string user, long read, long delivered = 0) => new("g", user, read, T0) { DeliveredSeq = delivered };

    /// <summary>alice's group with bob and carol from the start; dave added by message 2 (he sees from 2 on).</summary>
    private static (Conversation Group, Message[] Messages) Group()
    {
        Conversation group = Conversation.StartGroup("g", "alice", ["bob", "carol"], "T", null, T0);
        (group, Message first) = group.Post("alice", "one", T0);
        group = group.WithMembers([.. group.Members, new Member("dave", MemberRole.Member, T0, 2)]);
        (group, Message second) = group.Post("alice", "two", T0);
        (group, Message third) = group.Post("bob", "three", T0);
        return (group, [first, second, third]);
    }

    [Fact]
    public void ForViewer_CountsOthersWhoCanSeeIt_ReadImpliesDelivered()
    {
        (Conversation group, Message[] messages) = Group();
        ReadReceipt[] cursors = [Cursor("bob", 3), Cursor("carol", 0, delivered: 1)];

        IReadOnlyList<Message> shown = DeliveryStatus.ForViewer(messages, group, cursors, "alice");

        Assert.Equal(new MessageDelivery("delivered", 2, 1), shown[0].Delivery); // dave joined later: not counted
        Assert.Equal(new MessageDelivery("sent", 1, 1), shown[1].Delivery);      // carol and dave have not got it
        Assert.Null(shown[2].Delivery);                                          // bob's: not the viewer's
    }

    [Fact]
    public void ForViewer_EveryOtherRead_Read()
    {
        (Conversation group, Message[] messages) = Group();
        ReadReceipt[] cursors = [Cursor("bob", 3), Cursor("carol", 2), Cursor("dave", 2)];

        IReadOnlyList<Message> shown = DeliveryStatus.ForViewer(messages, group, cursors, "alice");

        Assert.Equal(new MessageDelivery("read", 3, 3), shown[1].Delivery);
    }

    [Fact]
    public void ForViewer_NoViewer_EveryMessage()
    {
        (Conversation group, Message[] messages) = Group();

        IReadOnlyList<Message> shown = DeliveryStatus.ForViewer(messages, group, [], viewer: null);

        Assert.All(shown, m => Assert.Equal("sent", m.Delivery?.Status));
    }

    [Fact]
    public void ForViewer_NobodyElse_StaysSent()
    {
        Conversation group = Conversation.StartGroup("g", "alice", [], "T", null, T0);
        (_, Message message) = group.Post("alice", "alone", T0);

        IReadOnlyList<Message> shown = DeliveryStatus.ForViewer([message], group, [], "alice");

        Assert.Equal(new MessageDelivery("sent", 0, 0), shown[0].Delivery);
    }

    [Fact]
    public void ForViewer_SystemAndDeleted_NoStatus()
    {
        Conversation group = Conversation.StartGroup("g", "alice", ["bob"], "T", null, T0);
        (group, Message system) = group.PostSystem("alice", "titleChanged", [], "renamed", T0);
        (_, Message deleted) = group.Post("alice", "oops", T0);

        IReadOnlyList<Message> shown = DeliveryStatus.ForViewer([system, deleted.ToTombstone(T0, "alice")], group, [], "alice");

        Assert.All(shown, m => Assert.Null(m.Delivery));
    }
}
