using Azure.Data.Tables;
using Messaging.Core.Reads;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Reads;

/// <summary>
/// A receipt row (<c>rcp_{readSeq:D19}_{user}</c>): one move of a read cursor, kept so that a message's receipts can
/// say when each member's read first covered it (the member row only knows the latest move).
/// </summary>
internal static class ReceiptEntity
{
    public static TableEntity Create(MessageRead read) =>
        new(read.ConversationId, TableLayout.ReceiptRowKey(read.ReadSeq, read.User))
        {
            ["User"] = read.User,
            ["ReadSeq"] = read.ReadSeq,
            ["ReadAt"] = read.ReadAt,
        };

    public static string? UserOf(TableEntity entity) => entity.GetString("User");

    public static DateTimeOffset? ReadAtOf(TableEntity entity) => entity.GetDateTimeOffset("ReadAt");
}
