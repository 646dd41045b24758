using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Sync;
using Messaging.Storage.Conversations;
using Messaging.Storage.Inbox;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;

namespace Messaging.Storage.Sync;

/// <summary>Catch-up on Table Storage: the user's partition in one query, then one query per changed conversation.</summary>
public sealed class SyncTableStore(MessagingTable table) : ISyncStore
{
    private static readonly string[] EntryFields = [.. InboxEntity.Fields, InboxEntity.Revision];

    public async Task<IReadOnlyList<SyncEntry>> ListEntriesAsync(string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.UserPartition(user)}")
            + " and " + TableLayout.RowKeyPrefixFilter(TableLayout.InboxPrefix);
        var entries = new List<SyncEntry>();
        int read = 0;
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, select: EntryFields, cancellationToken: cancellationToken))
        {
            read++;
            if (InboxEntity.HasConversation(entity))
            {
                entries.Add(new SyncEntry(InboxEntity.From(entity), entity.GetInt64(InboxEntity.Revision) ?? 0, InboxEntity.IsRemoved(entity)));
            }
        }
        table.Metrics.EntitiesRead(read);
        return entries;
    }

    public async Task<ConversationChanges?> ReadChangesAsync(string conversationId, ChangeWindow window, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        // Key order puts the counter and the header before every message, so whatever they count is already stored
        // when the messages are read: the positions this answer reports never run ahead of the messages it holds.
        string messages = $"RowKey ge '{TableLayout.MessageRowKey(Math.Max(1, window.NewFrom))}' and RowKey lt '{TableLayout.MessagePrefix[..^1]}`'";
        if (window.ChangedUpTo > 0)
        {
            messages = $"({messages}) or (RowKey ge '{TableLayout.MessagePrefix}' and RowKey le '{TableLayout.MessageRowKey(window.ChangedUpTo)}' "
                + $"and {RevisionRow.Property} gt {window.ChangedSince}L)";
        }
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId, $"{RevisionRow.Filter} or ({MessageTableStore.MembersFilter}) or {messages}", cancellationToken);
        Revision revision = RevisionRow.Take(rows);
        if (header is null)
        {
            return null;
        }
        (List<TableEntity> messageRows, List<TableEntity> members) = MessageTableStore.SplitMembers(rows);
        return new ConversationChanges(
            header, revision, [.. messageRows.Select(MessageEntity.From).OrderBy(m => m.Seq)], [.. members.Select(MemberEntity.ToReceipt)]);
    }
}
