using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Blocking;
using Messaging.Storage.Conversations;
using Messaging.Storage.Keys;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Blocking;

/// <summary>
/// Blocks on Table Storage: a <c>blk_{blocked}</c> row in the blocker's <c>user_</c> partition, and a per-side flag on the
/// pair's direct conversation header (found through the pair's <c>pair_</c> reservation row).
/// </summary>
public sealed class BlockTableStore(MessagingTable table, ConversationHeaders headers) : IBlockStore
{
    private static readonly string BlocksFilter = TableLayout.RowKeyPrefixFilter(TableLayout.BlockPrefix);

    public async Task<Block?> FindAsync(string user, string blocked, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        TableEntity? row = await client.GetEntityOrNullAsync<TableEntity>(
            table.Metrics, TableLayout.UserPartition(user), TableLayout.BlockRowKey(blocked), null, cancellationToken);
        return row is null ? null : From(row, user);
    }

    public async Task<IReadOnlyList<Block>> ListAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}") + " and " + BlocksFilter;
        var all = new List<Block>();
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            all.Add(From(row, user));
        }
        table.Metrics.EntitiesRead(all.Count);
        return all;
    }

    public async Task<Result<Block>> SaveAsync(Block block, string? readVersion, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var row = new TableEntity(TableLayout.UserPartition(block.User), TableLayout.BlockRowKey(block.Blocked))
        {
            ["BlockedAt"] = block.BlockedAt,
        };
        if (block.Reason is not null)
        {
            row["Reason"] = block.Reason;
        }
        try
        {
            Response response = readVersion is null
                ? await client.AddEntityAsync(row, cancellationToken)
                : await client.UpdateEntityAsync(row, new ETag(readVersion), TableUpdateMode.Replace, cancellationToken);
            return Result<Block>.Ok(block with { Version = response.Headers.ETag?.ToString() });
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 || (ex.Status == 404 && !StorageOutage.IsTableMissing(ex)))
        {
            return Error.Conflict("The block changed at the same time.");
        }
    }

    public async Task DeleteAsync(string user, string blocked, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        // A missing row is "not blocked already" (the SDK answers it as success); a missing table is not.
        Response response = await client.DeleteEntityAsync(TableLayout.UserPartition(user), TableLayout.BlockRowKey(blocked), ETag.All, cancellationToken);
        TableErrors.ThrowIfTableNotFound(response);
    }

    public async Task MarkBlockedByAsync(string user, string blocked, bool blocks, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var mark = new TableEntity(TableLayout.UserPartition(blocked), TableLayout.BlockedByRowKey(user));
        if (blocks)
        {
            await client.UpsertEntityAsync(mark, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            Response response = await client.DeleteEntityAsync(mark.PartitionKey, mark.RowKey, ETag.All, cancellationToken);
            TableErrors.ThrowIfTableNotFound(response);
        }
    }

    /// <summary>One query of the user's rows: its <c>blk_</c> rows and its <c>bby_</c> marks.</summary>
    public async Task<IReadOnlyList<string>> BlockedEitherWayAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}")
            + $" and (({BlocksFilter}) or ({TableLayout.RowKeyPrefixFilter(TableLayout.BlockedByPrefix)}))";
        var users = new HashSet<string>(StringComparer.Ordinal);
        int read = 0;
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            read++;
            string prefix = row.RowKey.StartsWith(TableLayout.BlockPrefix, StringComparison.Ordinal) ? TableLayout.BlockPrefix : TableLayout.BlockedByPrefix;
            users.Add(TableKey.Decode(row.RowKey[prefix.Length..]));
        }
        table.Metrics.EntitiesRead(read);
        return [.. users];
    }

    public async Task<IReadOnlyList<string>> BlockersOfAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}")
            + " and " + TableLayout.RowKeyPrefixFilter(TableLayout.BlockedByPrefix);
        var blockers = new List<string>();
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            blockers.Add(TableKey.Decode(row.RowKey[TableLayout.BlockedByPrefix.Length..]));
        }
        table.Metrics.EntitiesRead(blockers.Count);
        return blockers;
    }

    public async Task<bool> MarkDirectConversationAsync(string user, string other, bool blocks, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        bool userFirst = string.CompareOrdinal(user, other) <= 0; // the canonical order of Conversation.StartDirect
        string pairPartition = userFirst ? TableLayout.PairPartition(user, other) : TableLayout.PairPartition(other, user);
        TableEntity? pair = await client.GetEntityOrNullAsync<TableEntity>(
            table.Metrics, pairPartition, TableLayout.PairRowKey, ["ConversationId"], cancellationToken);
        if (pair?.GetString("ConversationId") is not { } conversationId)
        {
            return false;
        }
        // A blind merge of this side's flag alone: it cannot undo the other side's, and it changes the header's ETag,
        // so any send still holding the older header (this or another server's memory) fails with 412 and re-reads.
        var flag = new TableEntity(conversationId, TableLayout.HeaderRowKey)
        {
            [ConversationEntity.BlocksProperty(userFirst ? 0 : 1)] = blocks,
        };
        try
        {
            await client.UpdateEntityAsync(flag, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && !StorageOutage.IsTableMissing(ex))
        {
            // Reserved but not committed (yet): its creator reads the block rows after committing (DirectBlocks).
            return false;
        }
        finally
        {
            headers.Forget(conversationId); // so this server's next send reads the header instead of failing on it
        }
        return true;
    }

    private static Block From(TableEntity row, string user) => new(
        user,
        TableKey.Decode(row.RowKey[TableLayout.BlockPrefix.Length..]),
        row.GetString("Reason"),
        row.GetDateTimeOffset("BlockedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue,
        row.ETag.ToString());
}
