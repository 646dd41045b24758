using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Settings;

namespace Messaging.Core.Tests.Conversations;

public class ConversationListQueryTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static InboxEntry Entry(string id, int createdAt, int? lastMessageAt = null, bool pinned = false, bool archived = false) =>
        new(id, ConversationKind.Direct, ["alice", "bob"], T0.AddSeconds(createdAt), lastMessageAt is null ? 0 : 1, 0,
            lastMessageAt is { } at ? T0.AddSeconds(at) : null, null, null)
        {
            Settings = ConversationSettings.Default with { Pinned = pinned, Archived = archived },
        };

    private static string[] Ids(IReadOnlyList<InboxEntry>? entries) => [.. entries!.Select(e => e.ConversationId)];

    [Fact]
    public void Apply_PinnedFirst_ThenLatestActivity_TiesById()
    {
        InboxEntry[] entries =
        [
            Entry("a", createdAt: 1, lastMessageAt: 10),
            Entry("b", createdAt: 2),
            Entry("c", createdAt: 3, lastMessageAt: 10), // same activity as a: the id decides
            Entry("d", createdAt: 4, pinned: true),
            Entry("e", createdAt: 5, lastMessageAt: 6),
        ];

        Assert.Equal(["d", "a", "c", "e", "b"], Ids(ConversationListQuery.All.Apply(entries)));
    }

    [Fact]
    public void Apply_AfterAConversationTheFilterNowExcludes_StillMarksThePlace()
    {
        InboxEntry[] entries = [Entry("a", 4), Entry("b", 3, archived: true), Entry("c", 2), Entry("d", 1)];

        // "b" was the last of the previous page and has been archived since: the next page starts after where it sorts.
        Assert.Equal(["c"], Ids(new ConversationListQuery(Archived: false, Limit: 1, After: "b").Apply(entries)));
        Assert.Equal(["c", "d"], Ids(new ConversationListQuery(After: "b").Apply(entries)));
        Assert.Null(new ConversationListQuery(After: "zzz").Apply(entries));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void Check_LimitOutOfRange_Invalid(int limit) =>
        Assert.Equal(ErrorKind.Invalid, new ConversationListQuery(Limit: limit).Check()?.Kind);

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Check_LimitInRange_Valid(int limit) => Assert.Null(new ConversationListQuery(Limit: limit, Category: "work").Check());

    [Fact]
    public void Check_BadCategory_Invalid() => Assert.Equal(ErrorKind.Invalid, new ConversationListQuery(Category: "Work!").Check()?.Kind);
}
