using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Outbox;

namespace Messaging.Storage.Conversations;

/// <summary>
/// Conversation headers on Table Storage. A direct conversation takes two steps in two partitions:
/// reserve the pair (insert its <c>pair_</c> row, which fails if the pair exists), then commit the
/// conversation's partition in one batch. A crash between them leaves a reservation with no
/// conversation; the next attempt for the pair completes the reserved conversation instead of failing.
/// A new header is remembered with its ETag (<paramref name="headers"/>), so the first send needs no read.
/// </summary>
public sealed class ConversationTableStore(MessagingTable table, ConversationHeaders headers) : IConversationStore
{
    public async Task<Result<ConversationCreated>> CreateDirectAsync(Conversation conversation, string eventId, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string pairPartition = TableLayout.PairPartition(conversation.Participant1, conversation.Participant2);
        var reservation = new TableEntity(pairPartition, TableLayout.PairRowKey)
        {
            ["ConversationId"] = conversation.Id,
            ["Participant1"] = conversation.Participant1,
            ["Participant2"] = conversation.Participant2,
        };

        try
        {
            await client.AddEntityAsync(reservation, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            TableEntity? existing = await client.GetEntityOrNullAsync<TableEntity>(table.Metrics, pairPartition, TableLayout.PairRowKey, null, cancellationToken);
            string? reservedId = existing?.GetString("ConversationId");
            if (reservedId is null)
            {
                return AlreadyExists(null);
            }
            TableEntity? header = await client.GetEntityOrNullAsync<TableEntity>(table.Metrics, reservedId, TableLayout.HeaderRowKey, ["Deleted"], cancellationToken);
            if (header is not null && header.GetBoolean("Deleted") == true)
            {
                // The pair deleted their conversation: the reservation moves to the new one. Its ETag settles a race
                // between two such creations; the loser sees a conflict naming no id, and a retry finds the winner's.
                try
                {
                    await client.UpdateEntityAsync(reservation, existing!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException race) when (race.Status is 412 or 404)
                {
                    return AlreadyExists(null);
                }
                reservedId = conversation.Id;
            }
            else if (header is not null)
            {
                return AlreadyExists(reservedId);
            }
            // The reservation's creator crashed (or is still between its two steps): finish its
            // conversation. Whoever commits the header first wins; the others see a conflict.
            conversation = conversation with { Id = reservedId };
        }

        var created = ConversationCreated.For(conversation, eventId);
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, ConversationEntity.ToHeader(conversation)),
            .. conversation.Participants.Select(user => new TableTransactionAction(TableTransactionActionType.Add, MemberEntity.Create(conversation, user))),
            new(TableTransactionActionType.Add, OutboxEntity.Create(created)),
        ];
        Response<IReadOnlyList<Response>> committed;
        try
        {
            committed = await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return AlreadyExists(conversation.Id);
        }
        headers.Remember(conversation, committed);
        return Result<ConversationCreated>.Ok(created);
    }

    public async Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        TableEntity? header = await client.GetEntityOrNullAsync<TableEntity>(table.Metrics, conversationId, TableLayout.HeaderRowKey, null, cancellationToken);
        return header is null ? null : ConversationEntity.FromLiveHeader(header);
    }

    public async Task<string?> FindDirectIdAsync(string user1, string user2, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        (string first, string second) = string.CompareOrdinal(user1, user2) <= 0 ? (user1, user2) : (user2, user1);
        TableEntity? pair = await client.GetEntityOrNullAsync<TableEntity>(
            table.Metrics, TableLayout.PairPartition(first, second), TableLayout.PairRowKey, ["ConversationId"], cancellationToken);
        return pair?.GetString("ConversationId");
    }

    public async Task<Result<ConversationDeleted>> DeleteAsync(
        Conversation conversation, string readVersion, ConversationDeleted deleted, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        try
        {
            await client.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, new TableEntity(conversation.Id, TableLayout.HeaderRowKey) { ["Deleted"] = true }, new ETag(readVersion)),
                    new(TableTransactionActionType.Add, OutboxEntity.Create(deleted)),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404 && !StorageOutage.IsTableMissing(ex))
        {
            return Error.Conflict("The conversation changed at the same time.");
        }
        finally
        {
            headers.Forget(conversation.Id); // a send must not trust a header remembered from before the deletion
        }
        return Result<ConversationDeleted>.Ok(deleted);
    }

    public async Task PurgeAsync(string conversationId, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}") + $" and RowKey ne '{TableLayout.HeaderRowKey}'";
        var rowKeys = new List<string>();
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

    public async Task<IReadOnlyList<Conversation>> ListAllAsync(CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var all = new List<Conversation>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>($"RowKey eq '{TableLayout.HeaderRowKey}'", cancellationToken: cancellationToken))
        {
            if (ConversationEntity.FromLiveHeader(entity) is { } conversation)
            {
                all.Add(conversation);
            }
        }
        table.Metrics.EntitiesRead(all.Count);
        return all;
    }

    /// <summary>Names the existing conversation when known: only its participants can be asking, and they may read it.</summary>
    private static Error AlreadyExists(string? conversationId) => Error.Conflict(conversationId is null
        ? "A conversation between these users already exists."
        : $"A conversation between these users already exists: {conversationId}.");
}
