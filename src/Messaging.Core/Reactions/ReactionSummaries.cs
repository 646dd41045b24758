using Messaging.Core.Messages;

namespace Messaging.Core.Reactions;

/// <summary>
/// How a message's reaction summary changes: one entry per emoji in the order each was first used, its count, and its
/// first <see cref="MessagingLimits.ReactionUsersShown"/> reactors in the order they reacted.
/// </summary>
public static class ReactionSummaries
{
    /// <summary>The summary with <paramref name="user"/>'s <paramref name="emoji"/> added (they have not reacted with it); null when it would be one emoji too many.</summary>
    public static IReadOnlyList<ReactionSummary>? Add(IReadOnlyList<ReactionSummary> current, string emoji, string user)
    {
        int index = IndexOf(current, emoji);
        if (index < 0)
        {
            return current.Count >= MessagingLimits.MaxDistinctReactions ? null : [.. current, new ReactionSummary(emoji, 1, [user])];
        }
        ReactionSummary entry = current[index];
        IReadOnlyList<string> users = entry.Users.Count < MessagingLimits.ReactionUsersShown ? [.. entry.Users, user] : entry.Users;
        return Replace(current, index, entry with { Count = entry.Count + 1, Users = users });
    }

    /// <summary>
    /// Whether taking back <paramref name="user"/>'s reaction leaves a gap in the shown reactors that only the reaction
    /// rows can fill: they were shown, and more reacted than are shown.
    /// </summary>
    public static bool NeedsRefill(IReadOnlyList<ReactionSummary> current, string emoji, string user) =>
        IndexOf(current, emoji) is int index and >= 0
        && current[index].Count > MessagingLimits.ReactionUsersShown
        && current[index].Users.Contains(user, StringComparer.Ordinal);

    /// <summary>
    /// The summary without <paramref name="user"/>'s <paramref name="emoji"/>; an emoji nobody reacts with any more is gone.
    /// <paramref name="firstReactors"/> are the emoji's first reactors without the user, read when <see cref="NeedsRefill"/>.
    /// </summary>
    public static IReadOnlyList<ReactionSummary> Remove(
        IReadOnlyList<ReactionSummary> current, string emoji, string user, IReadOnlyList<string>? firstReactors = null)
    {
        int index = IndexOf(current, emoji);
        if (index < 0)
        {
            return current;
        }
        ReactionSummary entry = current[index];
        if (entry.Count <= 1)
        {
            return [.. current.Where((_, i) => i != index)];
        }
        IReadOnlyList<string> users = firstReactors is not null
            ? [.. firstReactors.Take(MessagingLimits.ReactionUsersShown)]
            : [.. entry.Users.Where(u => !string.Equals(u, user, StringComparison.Ordinal))];
        return Replace(current, index, entry with { Count = entry.Count - 1, Users = users });
    }

    private static int IndexOf(IReadOnlyList<ReactionSummary> reactions, string emoji)
    {
        for (int i = 0; i < reactions.Count; i++)
        {
            if (string.Equals(reactions[i].Emoji, emoji, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static ReactionSummary[] Replace(IReadOnlyList<ReactionSummary> reactions, int index, ReactionSummary entry) =>
        [.. reactions.Select((r, i) => i == index ? entry : r)];
}
