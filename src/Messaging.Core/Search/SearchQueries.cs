using Messaging.Core.Delivery;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;

namespace Messaging.Core.Search;

/// <summary>
/// _searchMessages: a user's messages that match a query, newest first, in one conversation or across theirs.
/// </summary>
/// <remarks>
/// Order: <c>sentAt</c>, then conversation id, then sequence number, all descending. Within a conversation that is
/// sequence order (<c>sentAt</c> never decreases along it); across conversations, ties of <c>sentAt</c> fall to the
/// conversation id. A page's <c>before</c> is the last result of the previous one, and the next page is what follows it
/// in this order.
/// </remarks>
public sealed class SearchQueries(ISearchIndex index, IInboxStore inbox)
{
    /// <summary>
    /// Conversations searched at most without <c>conversationId</c>: the user's most recently active ones. Each is one
    /// query, so this bounds a search's cost.
    /// </summary>
    public const int MaxConversations = 100;

    public async Task<Result<IReadOnlyList<SearchHit>>> SearchAsync(Caller caller, SearchMessages request, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(request.User, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        Result<SearchTerms> parsed = request.Parse();
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }
        string user = who.Value;
        SearchTerms terms = parsed.Value;
        IReadOnlyList<string> scope;
        if (request.ConversationId is { } only)
        {
            scope = [only];
        }
        else
        {
            // The inbox lists the conversations the user is in (not those they left or that were deleted).
            scope = [.. (await inbox.ListAsync(user, cancellationToken))
                .OrderByDescending(e => e.LastActivityAt).ThenBy(e => e.ConversationId, StringComparer.Ordinal)
                .Take(MaxConversations)
                .Select(e => e.ConversationId)];
            if (terms.Before is { } cursor && !scope.Contains(cursor.ConversationId, StringComparer.Ordinal))
            {
                return BadCursor;
            }
        }
        if (scope.Count == 0)
        {
            return Result<IReadOnlyList<SearchHit>>.Ok([]);
        }
        IReadOnlyList<ConversationMatches> found = await index.MatchAsync(scope, terms, cancellationToken);
        if (request.ConversationId is not null)
        {
            // Unknown ids are 404 before any 403, as for the conversation's history.
            if (found.Count == 0)
            {
                return Error.NotFound("Conversation");
            }
            if (found[0].Conversation.MemberOf(user) is null)
            {
                return AccessErrors.NotParticipant;
            }
        }
        SortKey? before = null;
        if (terms.Before is { } named)
        {
            if (found.FirstOrDefault(m => m.Conversation.Id == named.ConversationId)?.Cursor is not { } at)
            {
                return BadCursor;
            }
            before = SortKey.Of(at);
        }
        var hits = new List<(SortKey Key, SearchHit Hit)>();
        foreach (ConversationMatches matches in found)
        {
            // Only what the user may see now: a member who left sees nothing, a late joiner nothing from before they joined.
            if (matches.Conversation.MemberOf(user) is not { } member)
            {
                continue;
            }
            Message[] visible = [.. matches.Messages.Where(m => m.Seq >= member.FromSeq && !m.IsDeleted && !m.IsSystem)];
            foreach (Message message in DeliveryStatus.ForViewer(visible, matches.Conversation, matches.Cursors, user))
            {
                var key = SortKey.Of(message);
                if (before is null || key.CompareTo(before.Value) < 0)
                {
                    hits.Add((key, new SearchHit(matches.Conversation, message)));
                }
            }
        }
        return Result<IReadOnlyList<SearchHit>>.Ok([.. hits.OrderByDescending(h => h.Key).Take(terms.Limit).Select(h => h.Hit)]);
    }

    private static Error BadCursor => Error.Invalid("before must be the _id of a message in the conversations searched (the last result of the previous page).");

    /// <summary>Where a message sits in the results' order (compared ascending; results are listed descending).</summary>
    private readonly record struct SortKey(DateTimeOffset SentAt, string ConversationId, long Seq) : IComparable<SortKey>
    {
        public static SortKey Of(Message message) => new(message.SentAt, message.ConversationId, message.Seq);

        public int CompareTo(SortKey other)
        {
            int bySentAt = SentAt.CompareTo(other.SentAt);
            if (bySentAt != 0)
            {
                return bySentAt;
            }
            int byConversation = string.CompareOrdinal(ConversationId, other.ConversationId);
            return byConversation != 0 ? byConversation : Seq.CompareTo(other.Seq);
        }
    }
}
