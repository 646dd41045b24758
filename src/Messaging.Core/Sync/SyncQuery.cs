using System.Collections.Concurrent;
using Messaging.Core.Conversations;
using Messaging.Core.Delivery;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;

namespace Messaging.Core.Sync;

/// <summary>
/// <c>_sync</c>: brings a client up to date across all its conversations in one call. The user's own entries say which
/// conversations changed since the token (new messages, a revision above the one seen, or the user's read cursor or
/// settings); only those are read, one partition query each, in parallel.
/// </summary>
public sealed class SyncQuery(ISyncStore store)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Conversations read at once: enough to hide latency, few enough not to flood the storage account.</summary>
    private const int Parallel = 16;

    public async Task<Result<SyncResult>> HandleAsync(Caller caller, string? user, string? since, int? limit, CancellationToken cancellationToken)
    {
        Result<string> actor = caller.ActAs(user, "user");
        if (!actor.IsSuccess)
        {
            return actor.Error;
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid($"limit must be between 1 and {MaxLimit}.");
        }
        SyncToken seen = SyncToken.Empty;
        if (since is not null && !SyncToken.TryParse(since, out seen!))
        {
            return Error.Invalid("since must be a next token returned by _sync.");
        }
        string me = actor.Value;
        int perConversation = limit ?? DefaultLimit;

        IReadOnlyList<SyncEntry> entries = await store.ListEntriesAsync(me, cancellationToken);
        var next = new ConcurrentDictionary<string, SyncToken.Seen>(StringComparer.Ordinal);
        var removed = new ConcurrentBag<string>();
        var changed = new List<(SyncEntry Entry, SyncToken.Seen? Before, ulong Digest)>();
        foreach (SyncEntry entry in entries)
        {
            string id = entry.Entry.ConversationId;
            bool known = seen.TryGet(id, out SyncToken.Seen before);
            if (entry.Removed)
            {
                if (known)
                {
                    removed.Add(id);
                }
                continue;
            }
            ulong digest = SyncToken.Digest(entry.Entry.ReadSeq, entry.Entry.Settings);
            if (known && entry.Entry.LastSeq <= before.LastSeq && entry.Revision <= before.Revision && digest == before.Digest)
            {
                next[id] = before; // nothing new here: not read at all
                continue;
            }
            changed.Add((entry, known ? before : null, digest));
        }

        var synced = new ConcurrentBag<SyncedConversation>();
        await System.Threading.Tasks.Parallel.ForEachAsync(
            changed, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken }, async (item, ct) =>
            {
                (SyncEntry entry, SyncToken.Seen? before, ulong digest) = item;
                string id = entry.Entry.ConversationId;
                long seenSeq = before?.LastSeq ?? 0;
                // Read the new messages from no earlier than the entry's last `limit`: more than that is a gap anyway.
                var window = new ChangeWindow(
                    NewFrom: Math.Max(seenSeq + 1, entry.Entry.LastSeq - perConversation + 1),
                    ChangedUpTo: seenSeq,
                    ChangedSince: before?.Revision ?? 0);
                ConversationChanges? read = await store.ReadChangesAsync(id, window, ct);
                if (read?.Conversation.MemberOf(me) is not { } member)
                {
                    // Gone, or the user left and the entry has not caught up yet: either way no longer theirs.
                    if (before is not null)
                    {
                        removed.Add(id);
                    }
                    return;
                }
                synced.Add(Catch(me, member, entry, before, read, perConversation));
                next[id] = new SyncToken.Seen(read.Conversation.LastSeq, read.Revision.Value, digest);
            });

        return Result<SyncResult>.Ok(new SyncResult(
            SyncToken.From(next).ToString(),
            [.. synced.OrderByDescending(s => s.Conversation.LastMessageAt ?? s.Conversation.CreatedAt).ThenBy(s => s.Conversation.Id, StringComparer.Ordinal)],
            [.. removed.Order(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// What the user is missing in one conversation: new messages and messages changed since the token, those they can
    /// see only, oldest first; at most <paramref name="limit"/>, the latest, with <see cref="SyncedConversation.Gap"/> when there were more.
    /// </summary>
    private static SyncedConversation Catch(string me, Member member, SyncEntry entry, SyncToken.Seen? before, ConversationChanges read, int limit)
    {
        Conversation conversation = read.Conversation;
        long seenSeq = before?.LastSeq ?? 0;
        long last = conversation.LastSeq;
        long firstNew = Math.Max(seenSeq + 1, member.FromSeq);
        long newCount = Math.Max(0, last - firstNew + 1);
        // Messages sent after the header was read may show up too; the token stops at the header, so they come again next time.
        Message[] visible = [.. read.Messages.Where(m => m.Seq >= member.FromSeq && m.Seq <= last)];
        int changedCount = visible.Count(m => m.Seq <= seenSeq);
        bool gap = changedCount + newCount > limit;
        Message[] messages = visible.Length > limit ? visible[^limit..] : visible;

        long readSeq = Math.Max(entry.Entry.ReadSeq, read.Cursors.FirstOrDefault(c => string.Equals(c.User, me, StringComparison.Ordinal))?.ReadSeq ?? 0);
        long unread = Math.Max(0, last - Math.Max(readSeq, member.FromSeq - 1));
        return new SyncedConversation(
            conversation, entry.Entry, Math.Min(readSeq, last), unread,
            DeliveryStatus.ForViewer(messages, conversation, read.Cursors, me), gap);
    }
}

/// <summary>The answer of <c>_sync</c>: what changed, and the token to pass next time.</summary>
public sealed record SyncResult(string Next, IReadOnlyList<SyncedConversation> Conversations, IReadOnlyList<string> Removed);

/// <summary>
/// One conversation that changed: as it stands, with the user's own entry (settings), read cursor and unread count, and
/// the messages they are missing.
/// </summary>
public sealed record SyncedConversation(
    Conversation Conversation, InboxEntry Entry, long ReadSeq, long UnreadCount, IReadOnlyList<Message> Messages, bool Gap);
