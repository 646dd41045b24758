using Azure;
using Azure.Data.Tables;
using Messaging.Core.Inbox;
using Messaging.Storage.Layout;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Storage.Inbox;

/// <summary>Inbox entries, one partition per user.</summary>
public sealed class InboxTableStore(MessagingTable table) : IInboxStore
{
    /// <summary>Lost races on one entry before giving up (the event stays in the outbox and is retried).</summary>
    private const int MaxAttempts = 20;

    public async Task AddConversationAsync(ConversationCreated created, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        await Task.WhenAll(created.Participants.Select(user =>
            client.UpsertEntityAsync(InboxEntity.Membership(user, created), TableUpdateMode.Merge, cancellationToken)));
    }

    public Task ApplyMessageAsync(string user, MessageSent sent, CancellationToken cancellationToken) =>
        MoveForwardAsync(InboxEntity.LastMessage(user, sent), cancellationToken);

    public Task ApplyReadAsync(MessageRead read, CancellationToken cancellationToken) =>
        MoveForwardAsync(InboxEntity.ReadUpTo(read), cancellationToken);

    /// <summary>
    /// Merges <paramref name="update"/> but only moves its counters forward: a counter already at or past
    /// the update's value (and, for LastSeq, the last-message fields with it) is left as it is. Events may
    /// arrive late, twice or out of order; the row's ETag settles races.
    /// </summary>
    private async Task MoveForwardAsync(TableEntity update, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        for (int attempt = 1; ; attempt++)
        {
            TableEntity? current = await client.GetEntityOrNullAsync<TableEntity>(
                table.Metrics, update.PartitionKey, update.RowKey, [InboxEntity.LastSeq, InboxEntity.ReadSeq], cancellationToken);
            try
            {
                if (current is null)
                {
                    await client.AddEntityAsync(update, cancellationToken);
                }
                else if (InboxEntity.Forward(update, current) is { } forward)
                {
                    await client.UpdateEntityAsync(forward, current.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // someone else moved the entry meanwhile: look again
            }
        }
    }

    public async Task<IReadOnlyList<InboxEntry>> ListAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}")
            + " and " + TableLayout.RowKeyPrefixFilter(TableLayout.InboxPrefix);
        var entries = new List<InboxEntry>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(InboxEntity.From(entity));
        }
        table.Metrics.EntitiesRead(entries.Count);
        return entries;
    }
}
