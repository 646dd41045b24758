using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Core.Search;

/// <summary>
/// What <c>_searchMessages</c> asks for: <paramref name="User"/>'s messages matching <paramref name="Query"/>, in one
/// conversation or all of theirs, <paramref name="Limit"/> at a time, older than the message <paramref name="Before"/>.
/// </summary>
public sealed record SearchMessages(string? User, string Query, string? ConversationId = null, int? Limit = null, string? Before = null)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    /// <summary>Longest query, in characters (Unicode scalar values).</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Most words in a query; every one must match.</summary>
    public const int MaxQueryWords = 8;

    /// <summary>The request checked and normalized, or why it is not a search.</summary>
    public Result<SearchTerms> Parse()
    {
        if (Query.Length == 0 || TextLength.Of(Query) > MaxQueryLength)
        {
            return Error.Invalid($"query must be 1 to {MaxQueryLength} characters.");
        }
        string[] words = [.. SearchText.Words(Query)];
        if (words.Length == 0)
        {
            return Error.Invalid("query must contain a letter or a digit.");
        }
        if (words.Length > MaxQueryWords)
        {
            return Error.Invalid($"query must have at most {MaxQueryWords} words.");
        }
        int limit = Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid($"limit must be from 1 to {MaxLimit}.");
        }
        if (ConversationId is not null && !Conversations.ConversationId.IsWellFormed(ConversationId))
        {
            return Error.Invalid("conversationId is not a conversation id.");
        }
        MessageRef? before = null;
        if (Before is not null)
        {
            if (!MessageId.TryParse(Before, out string conversation, out long seq)
                || (ConversationId is not null && conversation != ConversationId))
            {
                return Error.Invalid(ConversationId is null
                    ? "before must be the _id of a message (the last result of the previous page)."
                    : "before must be the _id of a message in this conversation (the last result of the previous page).");
            }
            before = new MessageRef(conversation, seq);
        }
        return Result<SearchTerms>.Ok(new SearchTerms([.. words.Distinct(StringComparer.Ordinal)], limit, before));
    }
}

/// <summary>A checked search: its normalized <paramref name="Words"/> (each must start a word of a message), page size and cursor.</summary>
public sealed record SearchTerms(IReadOnlyList<string> Words, int Limit, MessageRef? Before)
{
    /// <summary>
    /// The word an index reads by: the longest (the most selective prefix); the others are checked on what it finds.
    /// </summary>
    public string Anchor => Words.MaxBy(w => w.Length)!;
}

/// <summary>A message by conversation and sequence number (a parsed message id).</summary>
public readonly record struct MessageRef(string ConversationId, long Seq)
{
    public override string ToString() => MessageId.Format(ConversationId, Seq);
}

/// <summary>One result: a message the user may see, with its conversation.</summary>
public sealed record SearchHit(Conversation Conversation, Message Message);
