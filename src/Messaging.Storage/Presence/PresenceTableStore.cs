using Azure;
using Azure.Data.Tables;
using Messaging.Core.Presence;
using Messaging.Storage.Keys;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Presence;

/// <summary>
/// Presence on Table Storage, in the user's <c>user_</c> partition: the <c>prs</c> record and one <c>pcn_{connectionId}</c>
/// row per connection with its <c>LeaseUntil</c>. Being one partition, a change of the record and of a connection is
/// one batch, guarded by the record's ETag.
/// </summary>
/// <remarks>
/// Finding expired leases is a scan of the table filtered on the row key prefix and the lease (as the outbox sweep
/// does): it runs once per sweep interval and returns only the expired rows, but its cost grows with the table.
/// </remarks>
public sealed class PresenceTableStore(MessagingTable table) : IPresenceStore
{
    private const string Online = "Online";
    private const string Status = "Status";
    private const string LastSeen = "LastSeen";
    private const string LeaseUntil = "LeaseUntil";
    private const string ViaService = "ViaService";

    private static readonly string ConnectionsFilter = TableLayout.RowKeyPrefixFilter(TableLayout.ConnectionPrefix);

    public async Task<PresenceSnapshot> ReadAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}")
            + $" and (({ConnectionsFilter}) or RowKey eq '{TableLayout.PresenceRowKey}')";
        PresenceRecord? record = null;
        var connections = new List<ConnectionLease>();
        int read = 0;
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            read++;
            if (row.RowKey == TableLayout.PresenceRowKey)
            {
                record = new PresenceRecord(
                    row.GetBoolean(Online) ?? false,
                    row.GetString(Status) ?? PresenceStatus.Online,
                    row.GetDateTimeOffset(LastSeen),
                    row.ETag.ToString());
            }
            else
            {
                connections.Add(new ConnectionLease(
                    TableKey.Decode(row.RowKey[TableLayout.ConnectionPrefix.Length..]),
                    row.GetDateTimeOffset(LeaseUntil) ?? DateTimeOffset.MinValue,
                    row.GetBoolean(ViaService) ?? false,
                    row.ETag.ToString()));
            }
        }
        table.Metrics.EntitiesRead(read);
        return new PresenceSnapshot(record, connections);
    }

    public async Task<bool> TryCommitAsync(PresenceCommit commit, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string partition = TableLayout.UserPartition(commit.User);
        var record = new TableEntity(partition, TableLayout.PresenceRowKey)
        {
            [Online] = commit.Next.Online,
            [Status] = commit.Next.Status,
            [LastSeen] = commit.Next.LastSeen,
        };
        List<TableTransactionAction> batch =
        [
            commit.ReadVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, record)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, record, new ETag(commit.ReadVersion)),
        ];
        foreach (ConnectionLease gone in commit.Remove)
        {
            batch.Add(new TableTransactionAction(
                TableTransactionActionType.Delete,
                new TableEntity(partition, TableLayout.ConnectionRowKey(gone.ConnectionId)),
                gone.Version is null ? ETag.All : new ETag(gone.Version)));
        }
        if (commit.Add is { } added)
        {
            batch.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, TableLayout.ConnectionRowKey(added.ConnectionId)) { [LeaseUntil] = added.LeaseUntil, [ViaService] = added.ViaService }));
        }
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 || (ex.Status == 404 && !StorageOutage.IsTableMissing(ex)))
        {
            return false; // the record or a connection moved since the read (a 404: a connection another change removed)
        }
    }

    public async Task<bool> RenewAsync(string user, string connectionId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var lease = new TableEntity(TableLayout.UserPartition(user), TableLayout.ConnectionRowKey(connectionId)) { [LeaseUntil] = leaseUntil };
        try
        {
            // A merge, never an insert: a connection removed meanwhile (closed, or expired by the sweep) must not come back here.
            await client.UpdateEntityAsync(lease, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && !StorageOutage.IsTableMissing(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> UsersWithExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = ConnectionsFilter + $" and {LeaseUntil} lt " + TableClient.CreateQueryFilter($"{now}");
        var users = new HashSet<string>(StringComparer.Ordinal);
        int read = 0;
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            read++;
            if (row.PartitionKey.StartsWith(TableLayout.UserPartitionPrefix, StringComparison.Ordinal))
            {
                users.Add(TableKey.Decode(row.PartitionKey[TableLayout.UserPartitionPrefix.Length..]));
            }
        }
        table.Metrics.EntitiesRead(read);
        return [.. users];
    }
}
