using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Deleting;
using Messaging.Core.Messages;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;
using Messaging.Storage.Sync;

namespace Messaging.Storage.Deleting;

/// <summary>
/// Deletes on Table Storage. The message row is replaced by its tombstone in one batch with the event, so the text
/// is gone from every query at once; the event's fan-out then deletes the rows that also held it (earlier versions,
/// reactions) and rewrites the replies' previews. Were the process to stop in between, the event stays in the outbox
/// and the erasure is retried.
/// </summary>
public sealed class MessageDeleteTableStore(MessagingTable table, ConversationHeaders headers) : IMessageDeleteStore
{
    public async Task<MessageChange?> LoadAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        return (await MessageRows.LoadAsync(client, table.Metrics, conversationId, seq, cancellationToken))?.Change;
    }

    public async Task<Result<Message>> DeleteAsync(MessageChange change, MessageDeleted deleted, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        // The replies stay listed on the tombstone: the fan-out uses them to show each reply that its original was deleted.
        TableEntity tombstone = MessageEntity.Create(deleted.Message with { Replies = change.Message.Replies });
        RevisionRow.Stamp(tombstone, deleted.Revision);
        List<TableTransactionAction> batch =
        [
            // A replace, not a merge: every property that held text goes.
            new(TableTransactionActionType.UpdateReplace, tombstone, new ETag(change.Version)),
            new(TableTransactionActionType.Add, OutboxEntity.Create(deleted)),
            RevisionRow.Advance(change.Conversation.Id, change.Revision),
        ];
        if (deleted.IsLatest)
        {
            batch.Add(MessageRows.PreviewUpdate(change.Conversation, string.Empty));
        }
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            headers.Forget(change.Conversation.Id);
            return Error.Conflict("The message changed at the same time.");
        }
        if (deleted.IsLatest)
        {
            headers.Forget(change.Conversation.Id);
        }
        return Result<Message>.Ok(deleted.Message);
    }

    public async Task EraseAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        foreach (string prefix in new[] { TableLayout.EditPrefix, TableLayout.ReactionPrefix })
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}")
                + " and " + TableLayout.RowKeyPrefixFilter(TableLayout.PerMessagePrefix(prefix, seq));
            List<string> rowKeys = [];
            await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                rowKeys.Add(entity.RowKey);
            }
            table.Metrics.EntitiesRead(rowKeys.Count);
            foreach (string[] chunk in rowKeys.Chunk(BatchDeletes.MaxRows))
            {
                await BatchDeletes.DeleteAsync(client, conversationId, [.. chunk], cancellationToken);
            }
        }
        await MessageRows.RefreshRepliesAsync(client, table.Metrics, conversationId, seq, cancellationToken);
    }
}
