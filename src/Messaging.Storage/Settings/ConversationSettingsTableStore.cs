using Azure.Data.Tables;
using Messaging.Core.Settings;
using Messaging.Storage.Caching;
using Messaging.Storage.Inbox;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Settings;

/// <summary>
/// Settings in the user's inbox row: a plain merge of the changed properties, then a read of the settings as they
/// now are. The merge upserts, so settings given before fan-out has written the entry make a row holding only them;
/// fan-out then finds the row (its insert gets 409) and merges its fields in (see <see cref="InboxTableStore"/>),
/// and the list skips such a row until it does.
/// </summary>
public sealed class ConversationSettingsTableStore(MessagingTable table, RowCache<InboxTableStore.Known> inboxVersions) : IConversationSettingsStore
{
    public async Task<ConversationSettings> UpdateAsync(string user, string conversationId, SettingsChange change, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (string partition, string row) = (TableLayout.UserPartition(user), TableLayout.InboxRowKey(conversationId));
        if (!change.IsEmpty)
        {
            await client.UpsertEntityAsync(SettingsEntity.Change(user, conversationId, change), TableUpdateMode.Merge, cancellationToken);
            // The merge gave the row a new ETag: fan-out's remembered one would only cost it a 412 and a re-read.
            inboxVersions.Remove(partition, row);
        }
        // Read back rather than computed from a read before the merge, so a concurrent change of another setting shows.
        TableEntity? stored = await client.GetEntityOrNullAsync<TableEntity>(table.Metrics, partition, row, SettingsEntity.Fields, cancellationToken);
        return stored is null ? change.ApplyTo(ConversationSettings.Default) : SettingsEntity.From(stored);
    }
}
