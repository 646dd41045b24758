using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Delivery;
using Messaging.Storage.Conversations;
using Messaging.Storage.Outbox;

namespace Messaging.Storage.Delivery;

/// <summary>Delivered cursors on the member rows (<c>mem_{user}</c>); they are read with the read cursors (<see cref="Reads.ReadCursorTableStore"/>).</summary>
public sealed class DeliveryCursorTableStore(MessagingTable table) : IDeliveryCursorStore
{
    public async Task<Result<MessageDelivered>> MoveAsync(MessageDelivered delivered, string? readVersion, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        TableEntity cursor = MemberEntity.DeliveredUpTo(delivered.ConversationId, delivered.User, delivered.DeliveredSeq, delivered.DeliveredAt);
        TableTransactionAction[] batch =
        [
            readVersion is null
                ? new(TableTransactionActionType.Add, cursor)
                : new(TableTransactionActionType.UpdateMerge, cursor, new ETag(readVersion)),
            new(TableTransactionActionType.Add, OutboxEntity.Create(delivered)),
        ];
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            return Error.Conflict("The delivered cursor moved at the same time.");
        }
        return Result<MessageDelivered>.Ok(delivered);
    }
}
