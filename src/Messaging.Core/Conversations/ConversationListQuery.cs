using System.Globalization;
using Messaging.Core.Inbox;

namespace Messaging.Core.Conversations;

/// <summary>
/// What <c>_getConversationsForUser</c> asks for: optional filters (<paramref name="Archived"/>,
/// <paramref name="Category"/>) and a page (<paramref name="Limit"/> entries after the conversation
/// <paramref name="After"/>). Everything when all are null.
/// </summary>
public sealed record ConversationListQuery(bool? Archived = null, string? Category = null, int? Limit = null, string? After = null)
{
    public const int MaxLimit = 100;

    public static readonly ConversationListQuery All = new();

    /// <summary>
    /// The order of the list: pinned first, then the most recently active (last message, else creation), ties by id
    /// (ordinal, ascending), so the order is total and pages never overlap or skip while the list is unchanged.
    /// </summary>
    public static readonly Comparer<InboxEntry> Order = Comparer<InboxEntry>.Create((a, b) =>
    {
        int pinned = b.Settings.Pinned.CompareTo(a.Settings.Pinned);
        if (pinned != 0)
        {
            return pinned;
        }
        int activity = b.LastActivityAt.CompareTo(a.LastActivityAt);
        return activity != 0 ? activity : string.CompareOrdinal(a.ConversationId, b.ConversationId);
    });

    public Error? Check()
    {
        if (Category is not null && InputRules.CheckCategory(Category, "category") is { } invalid)
        {
            return invalid;
        }
        return Limit is < 1 or > MaxLimit
            ? Error.Invalid(string.Create(CultureInfo.InvariantCulture, $"limit must be from 1 to {MaxLimit}."))
            : null;
    }

    /// <summary>
    /// The page of <paramref name="entries"/> (the user's whole inbox) this query selects. The page starts after
    /// where <see cref="After"/> sorts now, whether or not it passes the filters, so a conversation archived or
    /// re-categorized between two pages still marks the place. Null when <see cref="After"/> is not in the inbox.
    /// </summary>
    public IReadOnlyList<InboxEntry>? Apply(IReadOnlyList<InboxEntry> entries)
    {
        InboxEntry? after = null;
        if (After is not null && (after = entries.FirstOrDefault(e => string.Equals(e.ConversationId, After, StringComparison.Ordinal))) is null)
        {
            return null;
        }
        IEnumerable<InboxEntry> selected = entries
            .Where(e => Archived is not { } archived || e.Settings.Archived == archived)
            .Where(e => Category is null || string.Equals(e.Category, Category, StringComparison.Ordinal))
            .Order(Order);
        if (after is not null)
        {
            selected = selected.Where(e => Order.Compare(e, after) > 0);
        }
        return [.. Limit is { } limit ? selected.Take(limit) : selected];
    }
}
