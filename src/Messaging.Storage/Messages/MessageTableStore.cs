using Azure;
using Messaging.Core;
using Messaging.Core.Abstractions;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Outbox;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Messages;

/// <summary>Messages on Table Storage, in their conversation's partition.</summary>
public sealed class MessageTableStore(MessagingTable table) : IMessageStore
{
    private static readonly string MessagesFilter = TableLayout.RowKeyPrefixFilter(TableLayout.MessagePrefix);

    public async Task<Result<Message>> AppendAsync(Conversation next, string readVersion, MessageSent sent, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        Message message = sent.Message;
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.UpdateMerge, ConversationEntity.ToSequenceUpdate(next), new ETag(readVersion)),
            new(TableTransactionActionType.Add, MessageEntity.Create(message)),
            // A sender has read everything up to their own message.
            new(TableTransactionActionType.UpsertMerge, MemberEntity.ReadUpTo(message.ConversationId, message.Sender, message.Seq)),
            new(TableTransactionActionType.Add, OutboxEntity.Create(sent)),
        ];
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            return Error.Conflict("Another message was sent at the same time.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == 0)
        {
            return Error.NotFound("Conversation");
        }
        return Result<Message>.Ok(message);
    }

    public async Task<IReadOnlyList<Message>?> ListAsync(string conversationId, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        // The header sorts before the messages, so one query tells "no conversation" from "no messages".
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}")
            + $" and (RowKey eq '{TableLayout.HeaderRowKey}' or ({MessagesFilter}))";
        bool found = false;
        var messages = new List<Message>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == TableLayout.HeaderRowKey)
            {
                found = true;
            }
            else
            {
                messages.Add(MessageEntity.From(entity));
            }
        }
        return found ? messages : null;
    }

    public async Task<Message?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        NullableResponse<TableEntity> entity =
            await client.GetEntityIfExistsAsync<TableEntity>(conversationId, TableLayout.MessageRowKey(seq), cancellationToken: cancellationToken);
        return entity.HasValue ? MessageEntity.From(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Message>> ListAllAsync(CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var all = new List<Message>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(MessagesFilter, cancellationToken: cancellationToken))
        {
            all.Add(MessageEntity.From(entity));
        }
        return all;
    }
}
