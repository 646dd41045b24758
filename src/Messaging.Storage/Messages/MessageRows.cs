using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Sync;
using Messaging.Storage.Conversations;
using Messaging.Storage.Diagnostics;
using Messaging.Storage.Layout;
using Messaging.Storage.Sync;

namespace Messaging.Storage.Messages;

/// <summary>What changing a stored message (an edit, a delete) shares: reading it, and keeping its replies' previews true.</summary>
internal static class MessageRows
{
    /// <summary>How many replies one query reads back (an OR of row keys keeps the filter well under its length limit).</summary>
    private const int RepliesPerQuery = 50;

    private const int MaxAttempts = 20;

    /// <summary>The header, the message row and the conversation's revision in one query; null when the header or the message is missing.</summary>
    public static async Task<(MessageChange Change, TableEntity Row)?> LoadAsync(
        TableClient client, StorageMetrics metrics, string conversationId, long seq, CancellationToken cancellationToken)
    {
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, metrics, conversationId, $"{ConversationPartition.Row(TableLayout.MessageRowKey(seq))} or {RevisionRow.Filter}", cancellationToken);
        Revision revision = RevisionRow.Take(rows);
        if (header is null || rows.Count == 0)
        {
            return null;
        }
        return (new MessageChange(header, MessageEntity.From(rows[0]), rows[0].ETag.ToString()) { Revision = revision }, rows[0]);
    }

    /// <summary>The conversation's preview, replaced because its latest message changed; guarded by the header's version.</summary>
    public static TableTransactionAction PreviewUpdate(Conversation conversation, string preview) => new(
        TableTransactionActionType.UpdateMerge,
        new TableEntity(conversation.Id, TableLayout.HeaderRowKey) { ["LastPreview"] = TextLength.Truncate(preview, MessagingLimits.PreviewLength) },
        new ETag(conversation.Version!));

    /// <summary>
    /// Sets every reply to message <paramref name="seq"/> to show what it says now, or that it was deleted. Each reply
    /// is written guarded by the version it was read at; when one changed meanwhile (or the message did), everything is
    /// read again, so the last write always comes from the latest state of the message.
    /// </summary>
    public static async Task RefreshRepliesAsync(
        TableClient client, StorageMetrics metrics, string conversationId, long seq, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await RefreshRepliesOnceAsync(client, metrics, conversationId, seq, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // A reply changed meanwhile (a reaction, an edit, a newer refresh): start again from the message.
            }
        }
    }

    private static async Task RefreshRepliesOnceAsync(
        TableClient client, StorageMetrics metrics, string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableEntity? row = await client.GetEntityOrNullAsync<TableEntity>(metrics, conversationId, TableLayout.MessageRowKey(seq), null, cancellationToken);
        if (row is null)
        {
            return;
        }
        IReadOnlyList<long> replies = MessageEntity.ReadReplies(row);
        ReplyPreview shown = MessageRules.Answering(MessageEntity.From(row));
        foreach (long[] chunk in replies.Chunk(RepliesPerQuery))
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}")
                + " and (" + string.Join(" or ", chunk.Select(reply => ConversationPartition.Row(TableLayout.MessageRowKey(reply)))) + ")";
            var found = new List<TableEntity>();
            await foreach (TableEntity reply in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add(reply);
            }
            metrics.EntitiesRead(found.Count);
            foreach (TableEntity reply in found)
            {
                Message current = MessageEntity.From(reply);
                if (current.IsDeleted || current.ReplyTo is not { } answering || answering == shown)
                {
                    continue; // a tombstone shows nothing; an up-to-date reply needs no write
                }
                var update = new TableEntity(conversationId, reply.RowKey);
                MessageEntity.WriteReplyState(update, shown);
                await client.UpdateEntityAsync(update, reply.ETag, TableUpdateMode.Merge, cancellationToken);
            }
        }
    }
}
