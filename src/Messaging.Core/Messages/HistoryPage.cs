namespace Messaging.Core.Messages;

/// <summary>
/// Optional paging of a conversation's history: <see cref="Limit"/> messages next to a cursor (<see cref="Before"/> or
/// <see cref="After"/>, message ids), or the <see cref="Page"/>-th page counted from the newest. Sequence numbers are
/// gapless (a deleted message stays as a tombstone), so every form is a range of row keys: one query reads exactly
/// the rows it returns.
/// </summary>
public sealed record HistoryPage(int? Limit, string? Before, string? After, int? Page)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    /// <summary>No paging field at all: the whole history, as before paging existed.</summary>
    public bool IsNone => Limit is null && Before is null && After is null && Page is null;

    /// <summary>The window these fields describe in <paramref name="conversationId"/>, or why they describe none.</summary>
    public Result<HistoryWindow> Resolve(string conversationId)
    {
        int limit = Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid($"limit must be from 1 to {MaxLimit}.");
        }
        if ((Before is null ? 0 : 1) + (After is null ? 0 : 1) + (Page is null ? 0 : 1) > 1)
        {
            return Error.Invalid("Give at most one of before, after and page.");
        }
        if (Page is < 1)
        {
            return Error.Invalid("page must be 1 or more (1 is the newest messages).");
        }
        long? before = null, after = null;
        if (Before is not null)
        {
            if (!MessageId.TryParse(Before, out string c, out long seq) || c != conversationId)
            {
                return Error.Invalid("before must be the id of a message in this conversation.");
            }
            before = seq;
        }
        if (After is not null)
        {
            if (!MessageId.TryParse(After, out string c, out long seq) || c != conversationId)
            {
                return Error.Invalid("after must be the id of a message in this conversation.");
            }
            after = seq;
        }
        return Result<HistoryWindow>.Ok(new HistoryWindow(limit, before, after, Page ?? 1));
    }
}

/// <summary>A resolved page of history: up to <see cref="Limit"/> messages before or after a cursor, else the <see cref="Page"/>-th from the newest.</summary>
public sealed record HistoryWindow(int Limit, long? Before, long? After, int Page)
{
    /// <summary>
    /// The sequence numbers to read. A cursor needs nothing else; a page needs the conversation (its last sequence
    /// number) and where the reader's history starts, and is null without them.
    /// </summary>
    public SeqRange? RangeFor(Messaging.Core.Conversations.Conversation? conversation, long visibleFrom)
    {
        if (Before is { } before)
        {
            return new SeqRange(Math.Max(1, before - Limit), before - 1);
        }
        if (After is { } after)
        {
            return new SeqRange(after + 1, after + Limit);
        }
        if (conversation is null)
        {
            return null;
        }
        long to = conversation.LastSeq - ((long)(Page - 1) * Limit);
        return new SeqRange(Math.Max(visibleFrom, to - Limit + 1), to);
    }
}

/// <summary>Sequence numbers <see cref="From"/> to <see cref="To"/>, both included; empty when <see cref="To"/> is below <see cref="From"/>.</summary>
public readonly record struct SeqRange(long From, long To)
{
    public bool IsEmpty => To < From;
}
