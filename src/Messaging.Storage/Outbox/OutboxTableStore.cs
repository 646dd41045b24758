using Azure;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Outbox;

/// <summary>The outbox rows in conversation partitions.</summary>
/// <remarks>
/// Finding rows left behind is a scan of the table filtered on the row key prefix; it runs rarely
/// (see the sweeper's interval) and returns only those rows, but its cost grows with the table.
/// </remarks>
public sealed class OutboxTableStore(MessagingTable table, OutboxCleanup cleanup) : IOutbox
{
    /// <summary>Leaves the row to be deleted along with the partition's next batch, or by <see cref="DeleteWaitingAsync"/>.</summary>
    public async Task CompleteAsync(MessagingEvent published, CancellationToken cancellationToken)
    {
        if (cleanup.TryAdd(published.ConversationId, TableLayout.OutboxRowKey(published.EventId)))
        {
            return;
        }
        TableClient client = await table.GetAsync(cancellationToken);
        // The SDK returns a 404 instead of throwing: a missing row is "completed already" (a replay, or another
        // instance's sweeper), but a missing table must not pass for it, or the event would count as delivered.
        Response response = await client.DeleteEntityAsync(published.ConversationId, TableLayout.OutboxRowKey(published.EventId), ETag.All, cancellationToken);
        TableErrors.ThrowIfTableNotFound(response);
    }

    /// <summary>
    /// Deletes the completed rows that have waited at least <paramref name="age"/> for a batch to ride along with:
    /// one batch per partition. Returns how many were deleted.
    /// </summary>
    public async Task<int> DeleteWaitingAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        int deleted = 0;
        foreach ((string partition, IReadOnlyList<string> rowKeys) in cleanup.TakeWaitingSince(age))
        {
            List<string> remaining = [.. rowKeys];
            try
            {
                deleted += await BatchDeletes.DeleteAsync(client, partition, remaining, cancellationToken);
            }
            catch when (remaining.Count > 0)
            {
                cleanup.Return(partition, remaining);
                throw;
            }
        }
        return deleted;
    }

    public async Task<IReadOnlyList<MessagingEvent>> ListPendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        // Rows this process knows are completed are not pending: delete them rather than republish their events.
        await DeleteWaitingAsync(TimeSpan.Zero, cancellationToken);
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableLayout.RowKeyPrefixFilter(TableLayout.OutboxPrefix)
            + " and " + TableClient.CreateQueryFilter($"Timestamp lt {writtenBefore}");
        var pending = new List<MessagingEvent>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            pending.Add(OutboxEntity.Read(entity));
        }
        table.Metrics.EntitiesRead(pending.Count);
        return pending;
    }
}
