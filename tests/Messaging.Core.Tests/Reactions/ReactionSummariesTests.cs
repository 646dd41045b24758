using Messaging.Core.Messages;
using Messaging.Core.Reactions;

namespace Messaging.Core.Tests.Reactions;

public class ReactionSummariesTests
{
    private static string[] Users(int count, int from = 0) => [.. Enumerable.Range(from, count).Select(i => $"u{i:D2}")];

    [Fact]
    public void Add_NewEmoji_AppendedInFirstUseOrder()
    {
        IReadOnlyList<ReactionSummary> reactions = ReactionSummaries.Add([], "👍", "alice")!;
        reactions = ReactionSummaries.Add(reactions, "❤️", "bob")!;
        reactions = ReactionSummaries.Add(reactions, "👍", "bob")!;

        Assert.Equal(["👍", "❤️"], reactions.Select(r => r.Emoji));
        Assert.Equal(2, reactions[0].Count);
        Assert.Equal(["alice", "bob"], reactions[0].Users);
        Assert.Equal(["bob"], reactions[1].Users);
    }

    [Fact]
    public void Add_BeyondTheShownReactors_CountsButListsTheFirstOnly()
    {
        IReadOnlyList<ReactionSummary> reactions = [];
        foreach (string user in Users(12))
        {
            reactions = ReactionSummaries.Add(reactions, "👍", user)!;
        }

        Assert.Equal(12, reactions[0].Count);
        Assert.Equal(Users(MessagingLimits.ReactionUsersShown), reactions[0].Users);
    }

    [Fact]
    public void Add_OneEmojiTooMany_Null_ButAnExistingOneStillCounts()
    {
        IReadOnlyList<ReactionSummary> reactions = [];
        for (int i = 0; i < MessagingLimits.MaxDistinctReactions; i++)
        {
            reactions = ReactionSummaries.Add(reactions, char.ConvertFromUtf32(0x1F600 + i), "alice")!;
        }

        Assert.Null(ReactionSummaries.Add(reactions, "👍", "bob"));
        Assert.Equal(2, ReactionSummaries.Add(reactions, "😀", "bob")![0].Count);
    }

    [Fact]
    public void Remove_LastReactor_TheEmojiDisappears_OthersKeepTheirOrder()
    {
        ReactionSummary[] reactions = [new("😀", 1, ["alice"]), new("👍", 2, ["alice", "bob"]), new("❤️", 1, ["bob"])];

        IReadOnlyList<ReactionSummary> after = ReactionSummaries.Remove(reactions, "😀", "alice");

        Assert.Equal(["👍", "❤️"], after.Select(r => r.Emoji));
    }

    [Fact]
    public void Remove_ShownReactorOfFew_DroppedFromTheList_NoRefillNeeded()
    {
        ReactionSummary[] reactions = [new("👍", 3, ["alice", "bob", "carol"])];

        Assert.False(ReactionSummaries.NeedsRefill(reactions, "👍", "bob"));
        ReactionSummary after = Assert.Single(ReactionSummaries.Remove(reactions, "👍", "bob"));
        Assert.Equal(2, after.Count);
        Assert.Equal(["alice", "carol"], after.Users);
    }

    [Fact]
    public void Remove_ShownReactorOfMany_NeedsRefill_FromTheRows()
    {
        ReactionSummary[] reactions = [new("👍", 12, Users(10))];

        Assert.True(ReactionSummaries.NeedsRefill(reactions, "👍", "u03"));
        Assert.False(ReactionSummaries.NeedsRefill(reactions, "👍", "u11")); // not shown: only the count moves
        string[] refill = [.. Users(11).Where(u => u != "u03")];
        ReactionSummary after = Assert.Single(ReactionSummaries.Remove(reactions, "👍", "u03", refill));
        Assert.Equal(11, after.Count);
        Assert.Equal(refill.Take(10), after.Users);
    }

    [Fact]
    public void Remove_UnshownReactor_OnlyTheCountMoves()
    {
        ReactionSummary[] reactions = [new("👍", 12, Users(10))];

        ReactionSummary after = Assert.Single(ReactionSummaries.Remove(reactions, "👍", "u11"));

        Assert.Equal(11, after.Count);
        Assert.Equal(Users(10), after.Users);
    }
}
