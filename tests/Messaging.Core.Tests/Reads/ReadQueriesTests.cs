using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Reads;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Reads;

public class ReadQueriesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryStores _stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReadQueries Queries() => new(_stores);

    [Theory]
    [InlineData("alice", false)]
    [InlineData("root", true)]
    public async Task ReceiptsAsync_ParticipantOrAdmin_GetsEveryParticipantsCursor(string user, bool isAdmin)
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);
        _stores.SetCursor(conversation.Id, "bob", 2, At);

        Result<IReadOnlyList<ReadReceipt>> result = await Queries().ReceiptsAsync(Caller.User(user, isAdmin), conversation.Id, Ct);

        Assert.Equal([new ReadReceipt(conversation.Id, "alice", 0, null), new ReadReceipt(conversation.Id, "bob", 2, At)], result.Value);
    }

    [Fact]
    public async Task ReceiptsAsync_NotParticipant_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 1);

        Result<IReadOnlyList<ReadReceipt>> result = await Queries().ReceiptsAsync(Caller.User("carol"), conversation.Id, Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70")]
    public async Task ReceiptsAsync_Unknown_NotFound(string conversationId)
    {
        _stores.Seed("alice", "bob", messages: 1);

        Result<IReadOnlyList<ReadReceipt>> result = await Queries().ReceiptsAsync(Caller.Unverified, conversationId, Ct);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }
}
