using Messaging.Core.Conversations;

namespace Messaging.Core.Tests.Conversations;

public class ConversationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Theory]
    [InlineData("alice", "bob")]
    [InlineData("bob", "alice")]
    public void StartDirect_EitherOrder_ParticipantsInOrdinalOrder(string user1, string user2)
    {
        Conversation conversation = Conversation.StartDirect("c", user1, user2, null, T0);

        Assert.Equal("alice", conversation.Participant1);
        Assert.Equal("bob", conversation.Participant2);
    }

    [Fact]
    public void StartDirect_OrdinalNotCultureOrder_UppercaseFirst()
    {
        Conversation conversation = Conversation.StartDirect("c", "apple", "Zebra", null, T0);

        Assert.Equal(["Zebra", "apple"], conversation.Participants);
    }

    [Fact]
    public void Post_FirstMessage_HasSeqOneAndMillisecondTime()
    {
        Conversation conversation = Conversation.StartDirect("c", "a", "b", null, T0);

        (Conversation next, var message) = conversation.Post("a", "hi", T0.AddTicks(1234));

        Assert.Equal(1, message.Seq);
        Assert.Equal(1, next.LastSeq);
        Assert.Equal(T0, message.SentAt);
        Assert.Equal(T0, next.LastMessageAt);
    }

    [Fact]
    public void Post_ClockBehindLastMessage_SentAtNotBeforeLastMessage()
    {
        (Conversation first, _) = Conversation.StartDirect("c", "a", "b", null, T0).Post("a", "one", T0);

        (_, var second) = first.Post("b", "two", T0.AddSeconds(-5));

        Assert.Equal(2, second.Seq);
        Assert.Equal(T0, second.SentAt);
    }

    [Fact]
    public void HasMember_IsOrdinal()
    {
        Conversation conversation = Conversation.StartDirect("c", "alice", "bob", null, T0);

        Assert.True(conversation.HasMember("alice"));
        Assert.False(conversation.HasMember("Alice"));
        Assert.False(conversation.HasMember("carol"));
    }

    [Fact]
    public void New_IsWellFormedAndUnique()
    {
        string a = ConversationId.New(T0);
        string b = ConversationId.New(T0);

        Assert.True(ConversationId.IsWellFormed(a));
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789ABCDEF0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("../../../etc/passwd/0123456789abc")]
    public void IsWellFormed_NotIssuedByUs_False(string? value) => Assert.False(ConversationId.IsWellFormed(value));
}
