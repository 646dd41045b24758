using Messaging.Core.Conversations;
using Messaging.Core.Identity;

namespace Messaging.Core.Tests.Identity;

public class CallerTests
{
    private static readonly Conversation AliceAndBob = Conversation.StartDirect("c", "alice", "bob", null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void ActAs_Unverified_TakesTheBodyIdentityAndRequiresIt()
    {
        Assert.Equal("alice", Caller.Unverified.ActAs("alice", "user").Value);
        Assert.Equal(ErrorKind.Invalid, Caller.Unverified.ActAs(null, "user").Error?.Kind);
    }

    [Theory]
    [InlineData(null, "bob")]
    [InlineData("bob", "bob")]
    public void ActAs_VerifiedAsItself_Allowed(string? claimed, string expected) =>
        Assert.Equal(expected, Caller.User("bob").ActAs(claimed, "user").Value);

    [Theory]
    [InlineData("alice")]
    [InlineData("Bob")]
    public void ActAs_VerifiedAsSomeoneElse_Forbidden(string claimed) =>
        Assert.Equal(ErrorKind.Forbidden, Caller.User("bob").ActAs(claimed, "user").Error?.Kind);

    [Fact]
    public void MayRead_ParticipantsAdminsAndUnverified()
    {
        Assert.True(Caller.User("alice").MayRead(AliceAndBob));
        Assert.False(Caller.User("carol").MayRead(AliceAndBob));
        Assert.True(Caller.User("carol", isAdmin: true).MayRead(AliceAndBob));
        Assert.True(Caller.Unverified.MayRead(AliceAndBob));
    }

    [Fact]
    public void MayReadEverything_OnlyAdminsAndUnverified()
    {
        Assert.False(Caller.User("alice").MayReadEverything);
        Assert.True(Caller.User("root", isAdmin: true).MayReadEverything);
        Assert.True(Caller.Unverified.MayReadEverything);
    }
}
