using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Conversations;

/// <summary>
/// Reads a conversation's header together with other rows of its partition in one query, so a use case
/// learns "no such conversation" (or who may see it) in the same round trip as the data it wants.
/// </summary>
internal static class ConversationPartition
{
    /// <summary>The header and the rows matching <paramref name="rowFilter"/> (an OData condition on RowKey).</summary>
    public static async Task<(Conversation? Header, List<TableEntity> Rows)> QueryAsync(
        TableClient client, Diagnostics.StorageMetrics metrics, string conversationId, string rowFilter, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}")
            + $" and (RowKey eq '{TableLayout.HeaderRowKey}' or ({rowFilter}))";
        Conversation? header = null;
        var rows = new List<TableEntity>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == TableLayout.HeaderRowKey)
            {
                header = ConversationEntity.FromLiveHeader(entity);
            }
            else
            {
                rows.Add(entity);
            }
        }
        metrics.EntitiesRead(rows.Count + (header is null ? 0 : 1));
        return (header, rows);
    }

    /// <summary>A condition matching exactly one row key.</summary>
    public static string Row(string rowKey) => TableClient.CreateQueryFilter($"RowKey eq {rowKey}");
}
