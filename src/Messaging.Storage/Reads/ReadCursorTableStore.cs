using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Reads;
using Messaging.Storage.Conversations;
using Messaging.Storage.Keys;
using Messaging.Storage.Layout;
using Messaging.Storage.Outbox;

namespace Messaging.Storage.Reads;

/// <summary>Read cursors on the member rows (<c>mem_{user}</c>) of a conversation's partition.</summary>
public sealed class ReadCursorTableStore(MessagingTable table) : IReadCursorStore
{
    public async Task<CursorContext?> LoadAsync(string conversationId, string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId, ConversationPartition.Row(TableLayout.MemberRowKey(user)), cancellationToken);
        if (header is null)
        {
            return null;
        }
        TableEntity? member = rows.Count == 0 ? null : rows[0];
        ReadReceipt cursor = member is null ? new ReadReceipt(conversationId, user, 0, null) : MemberEntity.ToReceipt(member, user);
        return new CursorContext(header, cursor, member?.ETag.ToString());
    }

    public async Task<Result<MessageRead>> MoveAsync(MessageRead read, string? readVersion, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        TableEntity cursor = MemberEntity.ReadUpTo(read.ConversationId, read.User, read.ReadSeq, read.ReadAt);
        TableTransactionAction[] batch =
        [
            readVersion is null
                ? new(TableTransactionActionType.Add, cursor)
                : new(TableTransactionActionType.UpdateMerge, cursor, new ETag(readVersion)),
            new(TableTransactionActionType.Add, OutboxEntity.Create(read)),
        ];
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            return Error.Conflict("The read cursor moved at the same time.");
        }
        return Result<MessageRead>.Ok(read);
    }

    public async Task<ConversationReceipts?> ListAsync(string conversationId, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId, TableLayout.RowKeyPrefixFilter(TableLayout.MemberPrefix), cancellationToken);
        if (header is null)
        {
            return null;
        }
        var cursors = new Dictionary<string, ReadReceipt>(StringComparer.Ordinal);
        foreach (TableEntity row in rows)
        {
            string user = TableKey.Decode(row.RowKey[TableLayout.MemberPrefix.Length..]);
            cursors[user] = MemberEntity.ToReceipt(row, user);
        }
        // Every participant has a receipt, in participant order, whether or not they have read anything.
        return new ConversationReceipts(header, [.. header.Participants.Select(user =>
            cursors.TryGetValue(user, out ReadReceipt? receipt) ? receipt : new ReadReceipt(conversationId, user, 0, null))]);
    }
}
