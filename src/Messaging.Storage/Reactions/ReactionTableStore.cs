using Azure;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reactions;
using Messaging.Storage.Conversations;
using Messaging.Storage.Keys;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;
using Messaging.Storage.Sync;
using Messaging.Core.Sync;

namespace Messaging.Storage.Reactions;

/// <summary>
/// Reactions in the conversation's partition: a row per (message, emoji, user), <c>rx_{seq}_{emoji}~{user}</c>, with
/// when it was made; the summary on the message row (<see cref="MessageEntity.ReactionsProperty"/>). Both change in one
/// batch guarded by the message row's ETag, so the summary always agrees with the rows.
/// </summary>
public sealed class ReactionTableStore(MessagingTable table) : IReactionStore
{
    /// <summary>On the message row: when its latest reaction was made, so the next is made strictly later.</summary>
    private const string LastReactedAtProperty = "LastReactedAt";

    private const string ReactedAtProperty = "ReactedAt";

    public async Task<ReactionContext?> LoadAsync(string conversationId, long seq, string emoji, string user, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string messageKey = TableLayout.MessageRowKey(seq);
        string reactionKey = RowKey(seq, emoji, user);
        // One query: the header, the message and the user's reaction row.
        (Conversation? header, List<TableEntity> rows) = await ConversationPartition.QueryAsync(
            client, table.Metrics, conversationId,
            $"{ConversationPartition.Row(messageKey)} or {ConversationPartition.Row(reactionKey)} or {RevisionRow.Filter}", cancellationToken);
        Revision revision = RevisionRow.Take(rows);
        if (header is null)
        {
            return null;
        }
        TableEntity? message = rows.Find(row => row.RowKey == messageKey);
        TableEntity? reaction = rows.Find(row => row.RowKey == reactionKey);
        return new ReactionContext(
            header,
            message is null ? null : MessageEntity.From(message),
            message?.ETag.ToString(),
            reaction?.ETag.ToString(),
            message?.GetDateTimeOffset(LastReactedAtProperty))
        {
            Revision = revision,
        };
    }

    public async Task<IReadOnlyList<string>> FirstReactorsAsync(
        string conversationId, long seq, string emoji, string except, int count, CancellationToken cancellationToken)
    {
        TableClient client = await table.GetAsync(cancellationToken);
        string prefix = EmojiPrefix(seq, emoji);
        // TableKey escapes '~', so every key of this emoji, and only those, lies between "…~" and "…\u007f" (the next character).
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {conversationId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + '\u007f'}");
        var reactors = new List<(DateTimeOffset At, string RowKey)>();
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(filter, select: ["RowKey", ReactedAtProperty], cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                reactors.Add((row.GetDateTimeOffset(ReactedAtProperty) ?? DateTimeOffset.MinValue, row.RowKey));
            }
        }
        table.Metrics.EntitiesRead(reactors.Count);
        return [.. reactors
            .OrderBy(r => r.At).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => TableKey.Decode(r.RowKey[prefix.Length..]))
            .Where(user => !string.Equals(user, except, StringComparison.Ordinal))
            .Take(count)];
    }

    public async Task<Result<ReactionChanged>> SaveAsync(
        ReactionChanged change, IReadOnlyList<ReactionSummary> reactions, ReactionContext read, CancellationToken cancellationToken)
    {
        if (read.MessageVersion is null)
        {
            return Error.NotFound("Message");
        }
        TableClient client = await table.GetAsync(cancellationToken);
        var reaction = new TableEntity(change.ConversationId, RowKey(change.MessageSeq, change.Emoji, change.User));
        var message = new TableEntity(change.ConversationId, TableLayout.MessageRowKey(change.MessageSeq));
        MessageEntity.WriteReactions(message, reactions);
        RevisionRow.Stamp(message, change.Revision);
        TableTransactionAction reactionWrite;
        if (change.Added)
        {
            reaction[ReactedAtProperty] = change.OccurredAt;
            message[LastReactedAtProperty] = change.OccurredAt;
            reactionWrite = new(TableTransactionActionType.Add, reaction);
        }
        else
        {
            reactionWrite = new(TableTransactionActionType.Delete, reaction, read.ReactionVersion is null ? ETag.All : new ETag(read.ReactionVersion));
        }
        TableTransactionAction[] batch =
        [
            reactionWrite,
            new(TableTransactionActionType.UpdateMerge, message, new ETag(read.MessageVersion)),
            new(TableTransactionActionType.Add, OutboxEntity.Create(change)),
            RevisionRow.Advance(change.ConversationId, read.Revision),
        ];
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 || (ex.Status == 404 && !StorageOutage.IsTableMissing(ex)))
        {
            // The message changed, the reaction was made or taken back meanwhile, or the message is gone: re-read decides.
            return Error.Conflict("The message changed at the same time.");
        }
        return Result<ReactionChanged>.Ok(change);
    }

    /// <summary>The row of <paramref name="user"/>'s <paramref name="emoji"/> reaction to message <paramref name="seq"/>.</summary>
    internal static string RowKey(long seq, string emoji, string user) => EmojiPrefix(seq, emoji) + TableKey.Encode(user);

    /// <summary>
    /// The prefix of every row of one emoji's reactions to a message. <see cref="TableKey"/> escapes '~', so the first
    /// '~' after the emoji ends it: no emoji's prefix is another's.
    /// </summary>
    private static string EmojiPrefix(long seq, string emoji) =>
        TableLayout.PerMessagePrefix(TableLayout.ReactionPrefix, seq) + TableKey.Encode(emoji) + "~";
}
