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
public sealed class OutboxTableStore(MessagingTable table) : IOutbox
{
    public async Task CompleteAsync(MessagingEvent published, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        // The SDK returns a 404 instead of throwing: a missing row is "completed already" (a replay, or another
        // instance's sweeper), but a missing table must not pass for it, or the event would count as delivered.
        Response response = await client.DeleteEntityAsync(published.ConversationId, TableLayout.OutboxRowKey(published.EventId), ETag.All, cancellationToken);
        TableErrors.ThrowIfTableNotFound(response);
    }

    public async Task<IReadOnlyList<MessagingEvent>> ListPendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
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
