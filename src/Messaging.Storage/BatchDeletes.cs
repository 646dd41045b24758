using Azure;
using Azure.Data.Tables;

namespace Messaging.Storage;

/// <summary>Deleting rows of one partition in one batch, where a row already gone is not an error.</summary>
internal static class BatchDeletes
{
    /// <summary>Rows one batch deletes at most (a batch holds 100 operations).</summary>
    public const int MaxRows = 100;

    /// <summary>
    /// Deletes <paramref name="rowKeys"/> (at most <see cref="MaxRows"/>) of <paramref name="partition"/>, taking each from
    /// the list as it is dealt with: a row deleted already (a replay, or a sweeper elsewhere) fails the batch with 404 at
    /// its index, and the batch is retried without it. Should anything else fail, the list holds what is still to delete.
    /// Returns how many rows this call deleted.
    /// </summary>
    public static async Task<int> DeleteAsync(TableClient client, string partition, List<string> rowKeys, CancellationToken cancellationToken)
    {
        while (rowKeys.Count > 0)
        {
            try
            {
                await client.SubmitTransactionAsync(
                    rowKeys.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), ETag.All)),
                    cancellationToken);
                int deleted = rowKeys.Count;
                rowKeys.Clear();
                return deleted;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && !StorageOutage.IsTableMissing(ex) && ex.FailedTransactionActionIndex is int gone && gone < rowKeys.Count)
            {
                rowKeys.RemoveAt(gone);
            }
        }
        return 0;
    }
}
