using Azure;
using Messaging.Core.Abstractions;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Storage.Layout;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Inbox;

/// <summary>Inbox entries, one partition per user.</summary>
public sealed class InboxTableStore(MessagingTable table) : IInboxStore
{
    public async Task AddConversationAsync(ConversationCreated created, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        await Task.WhenAll(created.Participants.Select(user =>
            client.UpsertEntityAsync(InboxEntity.Membership(user, created), TableUpdateMode.Merge, cancellationToken)));
    }

    public async Task ApplyMessageAsync(string user, MessageSent sent, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string partition = TableLayout.UserPartition(user);
        string row = TableLayout.InboxRowKey(sent.ConversationId);
        // Events may arrive late, twice or out of order: move forward only, guarded by the row's ETag.
        while (true)
        {
            NullableResponse<TableEntity> current =
                await client.GetEntityIfExistsAsync<TableEntity>(partition, row, ["LastSeq"], cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await client.AddEntityAsync(InboxEntity.LastMessage(user, sent), cancellationToken);
                }
                else if ((current.Value!.GetInt64("LastSeq") ?? 0) < sent.Message.Seq)
                {
                    await client.UpdateEntityAsync(InboxEntity.LastMessage(user, sent), current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
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
        return entries;
    }
}
