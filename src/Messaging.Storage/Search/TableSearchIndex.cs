using Azure;
using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Core.Search;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;

namespace Messaging.Storage.Search;

/// <summary>
/// The search index on Table Storage, in each conversation's own partition (see <see cref="SearchRows"/>): a search of
/// one conversation is one query, reading its header, its member rows (for the status) and the index rows of the
/// query's longest word together.
/// </summary>
/// <remarks>
/// Every write of a message's rows is one batch guarded by its <c>sdoc_</c> row (inserted when new, else matched by
/// ETag), and made from the message as stored: two fan-outs racing for one message cannot leave a mix, and the last to
/// commit read the latest message.
/// </remarks>
public sealed class TableSearchIndex(MessagingTable table) : ISearchIndex
{
    /// <summary>Conversations queried at once by a search across conversations.</summary>
    public const int MaxParallelQueries = 16;

    private const int MaxAttempts = 20;

    private static readonly string MembersFilter = TableLayout.RowKeyPrefixFilter(TableLayout.MemberPrefix);

    public async Task AddAsync(Message sent, CancellationToken cancellationToken)
    {
        SearchRows.Indexed indexed = SearchRows.For(sent);
        if (indexed.Words.Count == 0)
        {
            return; // nothing to find it by; should an edit give it words, the edit indexes it
        }
        TableClient client = await table.GetAsync(cancellationToken);
        string partition = sent.ConversationId;
        try
        {
            await client.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, indexed.DocRow(partition, sent.Seq)),
                    .. indexed.Words.Select(word => new TableTransactionAction(TableTransactionActionType.UpsertReplace, indexed.WordRow(partition, word))),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is 0 or null)
        {
            // Indexed already: a replay, or an edit or delete got there first. What is stored decides.
            await RefreshAsync(partition, sent.Seq, andReplies: false, cancellationToken);
        }
    }

    public async Task RefreshAsync(string conversationId, long seq, bool andReplies, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        IReadOnlyList<long> replies = await RefreshOneAsync(client, conversationId, seq, cancellationToken);
        if (andReplies)
        {
            foreach (long reply in replies)
            {
                await RefreshOneAsync(client, conversationId, reply, cancellationToken);
            }
        }
    }

    /// <summary>Makes message <paramref name="seq"/>'s rows match the message as stored; returns its replies.</summary>
    private async Task<IReadOnlyList<long>> RefreshOneAsync(TableClient client, string partition, long seq, CancellationToken cancellationToken)
    {
        string messageKey = TableLayout.MessageRowKey(seq), docKey = SearchRows.DocRowKey(seq);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {messageKey} or RowKey eq {docKey})");
        for (int attempt = 1; ; attempt++)
        {
            TableEntity? messageRow = null, doc = null;
            await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey == messageKey)
                {
                    messageRow = row;
                }
                else
                {
                    doc = row;
                }
            }
            table.Metrics.EntitiesRead((messageRow is null ? 0 : 1) + (doc is null ? 0 : 1));
            IReadOnlyList<long> replies = messageRow is null ? [] : MessageEntity.ReadReplies(messageRow);
            SearchRows.Indexed indexed = SearchRows.For(messageRow is null ? null : MessageEntity.From(messageRow));
            if (doc?.GetString(SearchRows.HashProperty) == indexed.Hash || (doc is null && messageRow is null))
            {
                return replies; // up to date (a replay), or no such message (its conversation was purged)
            }
            string[] before = doc is null ? [] : SearchRows.WordsOf(doc);
            List<TableTransactionAction> batch =
            [
                // The sdoc_ row stays, empty, once a message is deleted: a late "sent" then finds it and indexes nothing.
                doc is null
                    ? new(TableTransactionActionType.Add, indexed.DocRow(partition, seq))
                    : new(TableTransactionActionType.UpdateReplace, indexed.DocRow(partition, seq), doc.ETag),
                .. indexed.Words.Select(word => new TableTransactionAction(TableTransactionActionType.UpsertReplace, indexed.WordRow(partition, word))),
                .. before.Except(indexed.Words, StringComparer.Ordinal).Select(word => new TableTransactionAction(
                    TableTransactionActionType.Delete, new TableEntity(partition, SearchRows.WordRowKey(word, seq)), ETag.All)),
            ];
            if (messageRow is null)
            {
                batch[0] = new(TableTransactionActionType.Delete, new TableEntity(partition, docKey), doc!.ETag);
            }
            if (await TrySubmitAsync(client, batch, cancellationToken) || attempt == MaxAttempts)
            {
                return replies;
            }
        }
    }

    /// <summary>
    /// Submits the batch; false when its guard failed (another index write of the message came first: read again).
    /// A word row that is gone already (a purge ran) is dropped from the deletes.
    /// </summary>
    private static async Task<bool> TrySubmitAsync(TableClient client, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.SubmitTransactionAsync(batch, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 || (ex.Status == 404 && ex.FailedTransactionActionIndex is 0 or null && !StorageOutage.IsTableMissing(ex)))
            {
                return false;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && !StorageOutage.IsTableMissing(ex) && ex.FailedTransactionActionIndex is int gone && gone > 0 && gone < batch.Count)
            {
                batch.RemoveAt(gone);
            }
        }
    }

    public async Task RemoveConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {conversationId}")
            + $" and (({TableLayout.RowKeyPrefixFilter(TableLayout.SearchDocPrefix)}) or ({TableLayout.RowKeyPrefixFilter(TableLayout.SearchWordPrefix)}))";
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

    public async Task<IReadOnlyList<ConversationMatches>> MatchAsync(
        IReadOnlyList<string> conversationIds, SearchTerms terms, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        var found = new ConversationMatches?[conversationIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, conversationIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelQueries, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await MatchOneAsync(client, conversationIds[i], terms, ct));
        return [.. found.OfType<ConversationMatches>()];
    }

    /// <summary>One query: the header, the member rows, the anchor word's index rows and, in the cursor's conversation, the cursor.</summary>
    private async Task<ConversationMatches?> MatchOneAsync(TableClient client, string conversationId, SearchTerms terms, CancellationToken cancellationToken)
    {
        string cursorKey = terms.Before is { } before && before.ConversationId == conversationId ? TableLayout.MessageRowKey(before.Seq) : string.Empty;
        string rowFilter = $"({SearchRows.WordRangeFilter(terms.Anchor)}) or ({MembersFilter})"
            + (cursorKey.Length > 0 ? " or " + ConversationPartition.Row(cursorKey) : string.Empty);
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(client, table.Metrics, conversationId, rowFilter, cancellationToken);
        if (header is null)
        {
            return null;
        }
        var messages = new Dictionary<long, Message>();
        var cursors = new List<ReadReceipt>();
        Message? cursor = null;
        foreach (TableEntity row in rows)
        {
            if (row.RowKey.StartsWith(TableLayout.MemberPrefix, StringComparison.Ordinal))
            {
                cursors.Add(MemberEntity.ToReceipt(row));
            }
            else if (row.RowKey == cursorKey)
            {
                cursor = MessageEntity.From(row);
            }
            else if (row.GetInt64(SearchRows.SeqProperty) is { } seq && !messages.ContainsKey(seq))
            {
                // A message is found once, however many of its words start with the anchor.
                string[] words = SearchRows.WordsOf(row);
                if (terms.Words.All(term => SearchText.StartsAny(words, term)))
                {
                    messages[seq] = SearchRows.ToMessage(row);
                }
            }
        }
        return new ConversationMatches(header, [.. messages.Values]) { Cursors = cursors, Cursor = cursor };
    }
}
