using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;

namespace Messaging.Storage.Reads;

/// <summary>
/// Read cursors on the member rows (<c>mem_{user}</c>) of a conversation's partition, and a receipt row
/// (<c>rcp_{readSeq}_{user}</c>) per move.
/// </summary>
public sealed class ReadCursorTableStore(MessagingTable table) : IReadCursorStore
{
    private static readonly string MembersFilter = TableLayout.RowKeyPrefixFilter(TableLayout.MemberPrefix);

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
            // The move's own row, for per-message receipts; an upsert, as a cursor reaches each position once.
            new(TableTransactionActionType.UpsertReplace, ReceiptEntity.Create(read)),
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
            client, table.Metrics, conversationId, MembersFilter, cancellationToken);
        if (header is null)
        {
            return null;
        }
        var cursors = new Dictionary<string, ReadReceipt>(StringComparer.Ordinal);
        foreach (TableEntity row in rows)
        {
            ReadReceipt cursor = MemberEntity.ToReceipt(row);
            cursors[cursor.User] = cursor;
        }
        // Every participant has a receipt, in participant order, whether or not they have read anything.
        return new ConversationReceipts(header, [.. header.Participants.Select(user =>
            cursors.TryGetValue(user, out ReadReceipt? receipt) ? receipt : new ReadReceipt(conversationId, user, 0, null))]);
    }

    public async Task<MessageReaders?> ListReadersAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        // Rows come in key order: header, member rows, the message, then the receipt rows from the message on.
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}")
            + $" and (RowKey eq '{TableLayout.HeaderRowKey}' or ({MembersFilter}) or RowKey eq '{TableLayout.MessageRowKey(seq)}'"
            + $" or (RowKey ge '{TableLayout.PerMessagePrefix(TableLayout.ReceiptPrefix, seq)}' and RowKey lt '{TableLayout.ReceiptPrefix[..^1]}`'))";
        Conversation? header = null;
        Message? message = null;
        var cursors = new List<ReadReceipt>();
        Dictionary<string, ReadReceipt>? readers = null;
        var firstReads = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        int entities = 0;
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entities++;
            if (row.RowKey == TableLayout.HeaderRowKey)
            {
                header = ConversationEntity.FromLiveHeader(row);
            }
            else if (row.RowKey.StartsWith(TableLayout.MemberPrefix, StringComparison.Ordinal))
            {
                cursors.Add(MemberEntity.ToReceipt(row));
            }
            else if (row.RowKey.StartsWith(TableLayout.MessagePrefix, StringComparison.Ordinal))
            {
                message = MessageEntity.From(row);
            }
            else
            {
                if (header is null || message is null)
                {
                    break; // nothing to answer: the rest of the receipts need not be read
                }
                readers ??= ReadersOf(header, message, cursors);
                // A user's first row at or after the message is the read that covered it.
                if (ReceiptEntity.UserOf(row) is { } user && readers.ContainsKey(user) && ReceiptEntity.ReadAtOf(row) is { } readAt)
                {
                    firstReads.TryAdd(user, readAt);
                }
                if (firstReads.Count == readers.Count)
                {
                    break; // everyone found: the receipts of later messages are not this query's business
                }
            }
        }
        table.Metrics.EntitiesRead(entities);
        if (header is null)
        {
            return null;
        }
        if (message is null)
        {
            return new MessageReaders(header, null, []);
        }
        readers ??= ReadersOf(header, message, cursors);
        // A cursor moved before receipt rows were written has none: its last move is the best time known.
        return new MessageReaders(header, message, [.. readers.Values.Select(cursor => new MessageReader(
            cursor.User,
            firstReads.TryGetValue(cursor.User, out DateTimeOffset readAt) ? readAt : cursor.ReadAt ?? message.SentAt))]);
    }

    private static Dictionary<string, ReadReceipt> ReadersOf(Conversation header, Message message, List<ReadReceipt> cursors) =>
        MessageReaders.ReadersOf(header, message, cursors).ToDictionary(cursor => cursor.User, StringComparer.Ordinal);
}
