using Azure;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Storage.Caching;
using Messaging.Storage.Layout;
using Messaging.Core.Conversations;
using Messaging.Core.Groups;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Storage.Inbox;

/// <summary>
/// Inbox entries, one partition per user. Each event costs at most one write per recipient and, once this
/// process knows the row, no read: the row's counters and ETag are remembered, and the write is guarded by
/// that ETag, so a concurrent writer or a stale memory only costs a 412 and a re-read.
/// </summary>
public sealed class InboxTableStore(MessagingTable table, RowCache<InboxTableStore.Known> versions) : IInboxStore
{
    /// <summary>Inbox rows remembered, about 200 bytes each: some 40 MB at most.</summary>
    public const int RememberedRows = 200_000;

    /// <summary>Lost races on one entry before giving up (the event stays in the outbox and is retried).</summary>
    private const int MaxAttempts = 20;

    public async Task AddConversationAsync(ConversationCreated created, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        await FanOutWrites.ForEachAsync(created.Participants, async (user, cancellationToken) =>
        {
            TableEntity entry = InboxEntity.Membership(user, created);
            if (versions.Get(entry.PartitionKey, entry.RowKey) is { Member: true })
            {
                return; // this process wrote it (createConversation writes the entries before it answers)
            }
            try
            {
                // Usually the row is new: inserting it tells us its counters (none yet) along with its ETag.
                Response added = await client.AddEntityAsync(entry, cancellationToken);
                Remember(entry, Known.After(Known.None, entry, added) is { } known ? known with { Member = true } : null);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A replay, or a message got there first: merge the membership fields, counters untouched.
                await client.UpsertEntityAsync(entry, TableUpdateMode.Merge, cancellationToken);
                Remember(entry, null); // its counters are not known from here
            }
        }, cancellationToken);
    }

    public Task ApplyMessageAsync(string user, MessageSent sent, CancellationToken cancellationToken) =>
        MoveForwardAsync(InboxEntity.LastMessage(user, sent), cancellationToken);

    public Task ApplyReadAsync(MessageRead read, CancellationToken cancellationToken) =>
        MoveForwardAsync(InboxEntity.ReadUpTo(read), cancellationToken);

    public Task ApplyChangeAsync(string user, ConversationChanged changed, CancellationToken cancellationToken) =>
        MoveForwardAsync(InboxEntity.Change(user, changed), cancellationToken);

    public Task HideAsync(string user, string conversationId, long seq, CancellationToken cancellationToken) =>
        MoveForwardAsync(InboxEntity.Removal(user, conversationId, seq), cancellationToken);

    /// <summary>
    /// Merges <paramref name="update"/> but only moves its counters forward: a counter already at or past
    /// the update's value (and, for LastSeq, the last-message fields with it) is left as it is. Events may
    /// arrive late, twice or out of order; the row's ETag settles races.
    /// </summary>
    private async Task MoveForwardAsync(TableEntity update, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (string partition, string row) = (update.PartitionKey, update.RowKey);
        for (int attempt = 1; ; attempt++)
        {
            Known? known = await KnownAsync(client, partition, row, cancellationToken);
            try
            {
                if (known is null)
                {
                    Response added = await client.AddEntityAsync(update, cancellationToken);
                    Remember(update, Known.After(Known.None, update, added));
                }
                else if (InboxEntity.Forward(update, known.LastSeq, known.ReadSeq) is { } forward)
                {
                    Response updated = await client.UpdateEntityAsync(forward, known.ETag, TableUpdateMode.Merge, cancellationToken);
                    Remember(update, Known.After(known, forward, updated));
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                versions.Remove(partition, row); // someone else moved the entry meanwhile: look again
            }
        }
    }

    public Task RefreshPreviewAsync(string user, string conversationId, long seq, string preview, CancellationToken cancellationToken) =>
        MergeIntoExistingAsync(user, conversationId, known => known.LastSeq == seq // else it shows a later message already
            ? new TableEntity { [InboxEntity.LastPreview] = preview }
            : null, cancellationToken);

    public Task ApplyRevisionAsync(string user, string conversationId, long revision, CancellationToken cancellationToken) =>
        MergeIntoExistingAsync(user, conversationId, known => known.Revision < revision // else a replay or a late event
            ? new TableEntity { [InboxEntity.Revision] = revision }
            : null, cancellationToken);

    /// <summary>
    /// Merges what <paramref name="change"/> makes of the entry's current state, guarded by its ETag; nothing when there
    /// is no entry (the user left, or never had one) or <paramref name="change"/> answers null. A lost race re-reads and decides again.
    /// </summary>
    private async Task MergeIntoExistingAsync(string user, string conversationId, Func<Known, TableEntity?> change, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (string partition, string row) = (TableLayout.UserPartition(user), TableLayout.InboxRowKey(conversationId));
        for (int attempt = 1; ; attempt++)
        {
            Known? known = await KnownAsync(client, partition, row, cancellationToken);
            if (known is null || change(known) is not { } update)
            {
                return;
            }
            (update.PartitionKey, update.RowKey) = (partition, row);
            try
            {
                Response updated = await client.UpdateEntityAsync(update, known.ETag, TableUpdateMode.Merge, cancellationToken);
                Remember(update, Known.After(known, update, updated));
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412 && attempt < MaxAttempts)
            {
                versions.Remove(partition, row);
            }
        }
    }

    /// <summary>The row's counters and ETag: remembered, else one point read; null when there is no row.</summary>
    private async Task<Known?> KnownAsync(TableClient client, string partition, string row, CancellationToken cancellationToken) =>
        versions.Get(partition, row) ?? Known.Of(await client.GetEntityOrNullAsync<TableEntity>(
            table.Metrics, partition, row, [InboxEntity.LastSeq, InboxEntity.ReadSeq, InboxEntity.Revision], cancellationToken));

    public async Task<IReadOnlyList<InboxEntry>> ListAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}")
            + " and " + TableLayout.RowKeyPrefixFilter(TableLayout.InboxPrefix);
        var entries = new List<InboxEntry>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, select: InboxEntity.Fields, cancellationToken: cancellationToken))
        {
            if (!InboxEntity.IsRemoved(entity) && InboxEntity.HasConversation(entity))
            {
                entries.Add(InboxEntity.From(entity));
            }
        }
        table.Metrics.EntitiesRead(entries.Count);
        return entries;
    }

    private void Remember(TableEntity row, Known? state)
    {
        if (state is null)
        {
            versions.Remove(row.PartitionKey, row.RowKey);
        }
        else
        {
            versions.Set(row.PartitionKey, row.RowKey, state);
        }
    }

    /// <summary>What this process last knew of an inbox row: its ETag and counters, and whether it holds the membership fields.</summary>
    public sealed record Known(ETag ETag, long LastSeq, long ReadSeq, bool Member = false)
    {
        /// <summary>The revision the row holds (see <see cref="ApplyRevisionAsync"/>).</summary>
        public long Revision { get; init; }

        /// <summary>What a point read of the counters says; null when there is no row.</summary>
        public static Known? Of(TableEntity? row) => row is null
            ? null
            : new(row.ETag, row.GetInt64(InboxEntity.LastSeq) ?? 0, row.GetInt64(InboxEntity.ReadSeq) ?? 0) { Revision = row.GetInt64(InboxEntity.Revision) ?? 0 };

        /// <summary>A row that does not exist yet.</summary>
        public static readonly Known None = new(default, 0, 0);

        /// <summary>
        /// The row's state after <paramref name="written"/> was merged into <paramref name="before"/>; null
        /// when the response carries no ETag to guard the next write with.
        /// </summary>
        public static Known? After(Known before, TableEntity written, Response response) => response.Headers.ETag is { } etag
            ? new(etag, written.GetInt64(InboxEntity.LastSeq) ?? before.LastSeq, written.GetInt64(InboxEntity.ReadSeq) ?? before.ReadSeq, before.Member)
            {
                Revision = written.GetInt64(InboxEntity.Revision) ?? before.Revision,
            }
            : null;
    }
}
