using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Outbox;

namespace Messaging.Storage.Messages;

/// <summary>
/// Messages on Table Storage, in their conversation's partition. Conversation headers a send has read or
/// written are remembered (<paramref name="headers"/>), so the next send to the conversation is one batch.
/// </summary>
public sealed class MessageTableStore(MessagingTable table, ConversationHeaders headers, OutboxCleanup cleanup) : IMessageStore
{
    private static readonly string MessagesFilter = TableLayout.RowKeyPrefixFilter(TableLayout.MessagePrefix);

    // The member rows ride along with the messages (for their status), in the same query.
    internal static readonly string MembersFilter = TableLayout.RowKeyPrefixFilter(TableLayout.MemberPrefix);

    public async Task<SendContext?> LoadForSendAsync(
        string conversationId, string sender, string? clientMessageId, bool fresh, CancellationToken cancellationToken, long? replyTo = null)
    {
        if (!fresh && replyTo is null && headers.Get(conversationId) is { } remembered)
        {
            // A reused client message id is then caught by the batch itself: its idempotency row already exists.
            return new SendContext(remembered, null, Remembered: true);
        }
        TableClient client = await table.GetAsync(cancellationToken);
        SendContext? context;
        if (clientMessageId is null && replyTo is null)
        {
            TableEntity? found = await client.GetEntityOrNullAsync<TableEntity>(table.Metrics, conversationId, TableLayout.HeaderRowKey, null, cancellationToken);
            context = found is null || ConversationEntity.FromLiveHeader(found) is not { } header ? null : new SendContext(header, null);
        }
        else
        {
            // One query reads the header with the idempotency row and the answered message.
            string keyRow = clientMessageId is null ? string.Empty : TableLayout.ClientMessageRowKey(sender, clientMessageId);
            string answeredRow = replyTo is { } seq ? TableLayout.MessageRowKey(seq) : string.Empty;
            string filter = string.Join(" or ", new[] { keyRow, answeredRow }.Where(k => k.Length > 0).Select(ConversationPartition.Row));
            (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(client, table.Metrics, conversationId, filter, cancellationToken);
            TableEntity? key = rows.Find(r => r.RowKey == keyRow);
            TableEntity? answered = rows.Find(r => r.RowKey == answeredRow);
            context = header is null ? null : new SendContext(header, key?.GetInt64("Seq"))
            {
                Reply = answered is null ? null : new ReplyTarget(MessageEntity.From(answered), answered.ETag.ToString()),
            };
        }
        if (context is null)
        {
            headers.Forget(conversationId);
        }
        else
        {
            headers.Remember(context.Conversation);
        }
        return context;
    }

    public async Task<Result<Message>> AppendAsync(
        Conversation next, string readVersion, MessageSent sent, string? clientMessageId, CancellationToken cancellationToken, ReplyTarget? answered = null)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        Message message = sent.Message;
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.UpdateMerge, ConversationEntity.ToSequenceUpdate(next), new ETag(readVersion)),
            new(TableTransactionActionType.Add, MessageEntity.Create(message)),
            // A sender has read everything up to their own message.
            new(TableTransactionActionType.UpsertMerge, MemberEntity.ReadUpTo(message.ConversationId, message.Sender, message.Seq, message.SentAt)),
            new(TableTransactionActionType.Add, OutboxEntity.Create(sent)),
        ];
        if (clientMessageId is not null)
        {
            // Inserted, so a concurrent send with the same key fails the whole batch and then finds this row.
            batch.Add(new(TableTransactionActionType.Add, new TableEntity(
                message.ConversationId, TableLayout.ClientMessageRowKey(message.Sender, clientMessageId)) { ["Seq"] = message.Seq }));
        }
        int answeredIndex = answered is null ? -1 : batch.Count;
        if (answered is not null)
        {
            // Guarded by the answered message's version: an edit or delete racing this reply either sees it listed or fails it.
            var replies = new TableEntity(next.Id, TableLayout.MessageRowKey(answered.Message.Seq));
            MessageEntity.WriteReplies(replies, [.. answered.Message.Replies, message.Seq]);
            batch.Add(new(TableTransactionActionType.UpdateMerge, replies, new ETag(answered.Version)));
        }
        // Earlier events' outbox rows in this partition, completed since, are deleted in the same batch at no cost.
        int firstDelete = batch.Count;
        List<string> deletes = [.. cleanup.Take(next.Id)];
        Response<IReadOnlyList<Response>> committed;
        while (true)
        {
            try
            {
                committed = await client.SubmitTransactionAsync(
                    deletes.Count == 0 ? batch : batch.Concat(deletes.Select(rowKey => new TableTransactionAction(
                        TableTransactionActionType.Delete, new TableEntity(next.Id, rowKey), ETag.All))),
                    cancellationToken);
                break;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && !StorageOutage.IsTableMissing(ex) && ex.FailedTransactionActionIndex >= firstDelete)
            {
                deletes.RemoveAt(ex.FailedTransactionActionIndex!.Value - firstDelete); // gone already (a sweeper elsewhere); nothing committed
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 || (ex.Status == 404 && ex.FailedTransactionActionIndex == answeredIndex))
            {
                Forget(next.Id, deletes);
                return Error.Conflict("Another message was sent at the same time.");
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == 0)
            {
                Forget(next.Id, deletes);
                return Error.NotFound("Conversation");
            }
            catch
            {
                Forget(next.Id, deletes); // whether it committed is unknown
                throw;
            }
        }
        headers.Remember(next, committed); // its new ETag guards the next send, so that one needs no read
        return Result<Message>.Ok(message);
    }

    /// <summary>After a failed batch: the header may be stale, and the deletes it carried are still to do.</summary>
    private void Forget(string conversationId, List<string> deletes)
    {
        headers.Forget(conversationId);
        cleanup.Return(conversationId, deletes);
    }

    public async Task<ConversationMessages?> ListAsync(
        string conversationId, CancellationToken cancellationToken, Func<Conversation?, SeqRange?>? window = null)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        if (window is null)
        {
            return await ListRangeAsync(client, conversationId, MessagesFilter, cancellationToken);
        }
        SeqRange? range = window(headers.Get(conversationId));
        if (range is null)
        {
            // A page counted from the newest needs the last sequence number first.
            TableEntity? found = await client.GetEntityOrNullAsync<TableEntity>(table.Metrics, conversationId, TableLayout.HeaderRowKey, null, cancellationToken);
            if (found is null || ConversationEntity.FromLiveHeader(found) is not { } header)
            {
                return null;
            }
            headers.Remember(header);
            range = window(header);
        }
        for (int attempt = 1; ; attempt++)
        {
            ConversationMessages? listed = await ListRangeAsync(client, conversationId, RangeFilter(range!.Value), cancellationToken);
            SeqRange? current = listed is null ? range : window(listed.Conversation);
            if (listed is null || current == range || attempt == 3)
            {
                return listed;
            }
            range = current; // the header moved on since it was remembered: read the range it now gives
        }
    }

    private async Task<ConversationMessages?> ListRangeAsync(TableClient client, string conversationId, string messagesFilter, CancellationToken cancellationToken)
    {
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId, $"({messagesFilter}) or ({MembersFilter})", cancellationToken);
        if (header is null)
        {
            return null;
        }
        (List<TableEntity> messages, List<TableEntity> members) = SplitMembers(rows);
        return new ConversationMessages(header, [.. messages.Select(MessageEntity.From)]) { Cursors = [.. members.Select(MemberEntity.ToReceipt)] };
    }

    /// <summary>The message rows of <paramref name="range"/>; a condition no row meets when it is empty.</summary>
    private static string RangeFilter(SeqRange range) => range.IsEmpty
        ? "RowKey eq ''"
        : $"RowKey ge '{TableLayout.MessageRowKey(Math.Max(1, range.From))}' and RowKey le '{TableLayout.MessageRowKey(range.To)}'";

    public async Task<MessageLookup?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId, $"{ConversationPartition.Row(TableLayout.MessageRowKey(seq))} or ({MembersFilter})", cancellationToken);
        if (header is null)
        {
            return null;
        }
        (List<TableEntity> messages, List<TableEntity> members) = SplitMembers(rows);
        return new MessageLookup(header, messages.Count == 0 ? null : MessageEntity.From(messages[0])) { Cursors = [.. members.Select(MemberEntity.ToReceipt)] };
    }

    internal static (List<TableEntity> Messages, List<TableEntity> Members) SplitMembers(List<TableEntity> rows)
    {
        var messages = new List<TableEntity>(rows.Count);
        var members = new List<TableEntity>();
        foreach (TableEntity row in rows)
        {
            (row.RowKey.StartsWith(TableLayout.MemberPrefix, StringComparison.Ordinal) ? members : messages).Add(row);
        }
        return (messages, members);
    }

    public async Task<IReadOnlyList<Message>> ListAllAsync(CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var all = new List<Message>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(MessagesFilter, cancellationToken: cancellationToken))
        {
            all.Add(MessageEntity.From(entity));
        }
        table.Metrics.EntitiesRead(all.Count);
        return all;
    }
}
