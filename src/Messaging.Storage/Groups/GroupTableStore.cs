using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Groups;
using Messaging.Storage.Conversations;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;

namespace Messaging.Storage.Groups;

/// <summary>
/// Groups on Table Storage. A group's header holds its members, so every change is one batch in the group's
/// partition: the header (guarded by its ETag), the system message and the event's outbox row. Member rows
/// (<c>mem_</c>) hold only read cursors and appear on a member's first read.
/// </summary>
public sealed class GroupTableStore(MessagingTable table, ConversationHeaders headers) : IGroupStore
{
    public async Task CreateAsync(Conversation group, ConversationCreated created, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        Response<IReadOnlyList<Response>> committed = await client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, ConversationEntity.ToHeader(group)),
                new(TableTransactionActionType.Add, OutboxEntity.Create(created)),
            ],
            cancellationToken);
        headers.Remember(group, committed); // the first send needs no read
    }

    public async Task<Result<ConversationChanged>> ChangeAsync(
        Conversation next, string readVersion, ConversationChanged changed, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        Response<IReadOnlyList<Response>> committed;
        try
        {
            committed = await client.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, ConversationEntity.ToGroupUpdate(next), new ETag(readVersion)),
                    new(TableTransactionActionType.Add, MessageEntity.Create(changed.SystemMessage)),
                    new(TableTransactionActionType.Add, OutboxEntity.Create(changed)),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            headers.Forget(next.Id);
            return Error.Conflict("The group changed at the same time.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == 0 && !StorageOutage.IsTableMissing(ex))
        {
            headers.Forget(next.Id);
            return Error.NotFound("Conversation");
        }
        catch
        {
            headers.Forget(next.Id); // whether it committed is unknown
            throw;
        }
        if (next.Deleted)
        {
            headers.Forget(next.Id);
        }
        else
        {
            headers.Remember(next, committed);
        }
        return Result<ConversationChanged>.Ok(changed);
    }
}
