using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Editing;
using Messaging.Core.Messages;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;
using Messaging.Storage.Sync;

namespace Messaging.Storage.Editing;

/// <summary>
/// Edits on Table Storage: the message row takes the new text and an <c>edt_{seq}_{n}</c> row keeps the one it
/// replaced, in one batch with the event.
/// </summary>
public sealed class MessageEditTableStore(MessagingTable table, ConversationHeaders headers) : IMessageEditStore
{
    public async Task<MessageChange?> LoadAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        return (await MessageRows.LoadAsync(client, table.Metrics, conversationId, seq, cancellationToken))?.Change;
    }

    public async Task<Result<Message>> EditAsync(MessageChange change, MessageUpdated updated, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        Message before = change.Message;
        Message after = updated.Message with { EditCount = before.EditCount + 1 };
        var row = new TableEntity(after.ConversationId, TableLayout.MessageRowKey(after.Seq))
        {
            ["Content"] = after.Content,
            ["EditedAt"] = after.EditedAt,
            [MessageEntity.EditsProperty] = after.EditCount,
        };
        RevisionRow.Stamp(row, updated.Revision);
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.UpdateMerge, row, new ETag(change.Version)),
            new(TableTransactionActionType.Add, new TableEntity(after.ConversationId, EditRowKey(after.Seq, after.EditCount))
            {
                ["Content"] = before.Content,
                ["EditedAt"] = after.EditedAt,
            }),
            new(TableTransactionActionType.Add, OutboxEntity.Create(updated)),
            RevisionRow.Advance(after.ConversationId, change.Revision),
        ];
        if (updated.IsLatest)
        {
            batch.Add(MessageRows.PreviewUpdate(change.Conversation, after.Content));
        }
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            headers.Forget(after.ConversationId);
            return Error.Conflict("The message changed at the same time.");
        }
        if (updated.IsLatest)
        {
            headers.Forget(after.ConversationId); // its version moved: the next send reads it afresh
        }
        return Result<Message>.Ok(after);
    }

    public async Task<MessageEdits?> ListEditsAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId,
            ConversationPartition.Row(TableLayout.MessageRowKey(seq)) + " or (" + TableLayout.RowKeyPrefixFilter(TableLayout.PerMessagePrefix(TableLayout.EditPrefix, seq)) + ")",
            cancellationToken);
        if (header is null)
        {
            return null;
        }
        TableEntity? message = rows.Find(r => r.RowKey == TableLayout.MessageRowKey(seq));
        MessageEdit[] edits = [.. rows
            .Where(r => r.RowKey.StartsWith(TableLayout.EditPrefix, StringComparison.Ordinal))
            .Select(r => new MessageEdit(r.GetString("Content") ?? string.Empty, r.GetDateTimeOffset("EditedAt") ?? DateTimeOffset.MinValue))];
        return new MessageEdits(header, message is null ? null : MessageEntity.From(message), edits);
    }

    public async Task RefreshRepliesAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        await MessageRows.RefreshRepliesAsync(client, table.Metrics, conversationId, seq, cancellationToken);
    }

    /// <summary>The <paramref name="n"/>-th earlier version (1 = the original text); zero-padded so key order is edit order.</summary>
    internal static string EditRowKey(long seq, int n) =>
        TableLayout.PerMessagePrefix(TableLayout.EditPrefix, seq) + n.ToString("D6", CultureInfo.InvariantCulture);
}
