using Messaging.Core.Messages;

namespace Messaging.Core.Tests.Messages;

public class MessageIdTests
{
    private const string Conversation = "0192f3b4c5d6e7f8091a2b3c4d5e6f70";

    [Theory]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void TryParse_FormattedId_RoundTrips(long seq)
    {
        string id = MessageId.Format(Conversation, seq);

        Assert.True(MessageId.TryParse(id, out string conversationId, out long parsed));
        Assert.Equal(Conversation, conversationId);
        Assert.Equal(seq, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(Conversation)]
    [InlineData(Conversation + "-")]
    [InlineData(Conversation + "-0")]
    [InlineData(Conversation + "-01")]
    [InlineData(Conversation + "-+1")]
    [InlineData(Conversation + "--1")]
    [InlineData(Conversation + "-1 ")]
    [InlineData(Conversation + "-99999999999999999999")]
    [InlineData(Conversation + "_1")]
    [InlineData("0192F3B4C5D6E7F8091A2B3C4D5E6F70-1")]
    public void TryParse_Malformed_False(string? id) => Assert.False(MessageId.TryParse(id, out _, out _));
}
