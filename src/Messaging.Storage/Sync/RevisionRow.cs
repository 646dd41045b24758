using Azure;
using Azure.Data.Tables;
using Messaging.Core.Sync;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Sync;

/// <summary>
/// The conversation's <see cref="Revision"/> counter, a row of its own (<see cref="TableLayout.RevisionRowKey"/>) rather
/// than a field of the header, so that reactions and edits do not race sends for the header. A change reads it with the
/// message (one query), and writes the next value, guarded by its version, in the same batch as the message, which is
/// stamped with the same value: a counter at N means every change up to N is committed.
/// </summary>
internal static class RevisionRow
{
    /// <summary>On the counter row and on each changed message row.</summary>
    public const string Property = "Revision";

    /// <summary>A condition matching the counter row, to OR into a partition query.</summary>
    public static string Filter => ConversationPartition.Row(TableLayout.RevisionRowKey);

    /// <summary>The counter among <paramref name="rows"/> (removed from them), or <see cref="Revision.None"/> when it was never written.</summary>
    public static Revision Take(List<TableEntity> rows)
    {
        int at = rows.FindIndex(row => row.RowKey == TableLayout.RevisionRowKey);
        if (at < 0)
        {
            return Revision.None;
        }
        TableEntity row = rows[at];
        rows.RemoveAt(at);
        return new Revision(row.GetInt64(Property) ?? 0, row.ETag.ToString());
    }

    /// <summary>Writes <see cref="Revision.Next"/>: an insert the first time (a racing first change gets 409), else guarded by the version read.</summary>
    public static TableTransactionAction Advance(string conversationId, Revision read)
    {
        var row = new TableEntity(conversationId, TableLayout.RevisionRowKey) { [Property] = read.Next };
        return read.Version is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, new ETag(read.Version));
    }

    /// <summary>Stamps a message row with the revision of the change written to it.</summary>
    public static void Stamp(TableEntity message, long revision) => message[Property] = revision;
}
