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
    public static TableEntity Create(MessageRead read) => Create(read.ConversationId, read.User, read.ReadSeq, read.ReadAt);

    /// <summary>A cursor move of <paramref name="user"/> to <paramref name="readSeq"/>: a markRead, or a send, which reads what came before it.</summary>
    public static TableEntity Create(string conversationId, string user, long readSeq, DateTimeOffset readAt) =>
        new(conversationId, TableLayout.ReceiptRowKey(readSeq, user))
        {
            ["User"] = user,
            ["ReadSeq"] = readSeq,
            ["ReadAt"] = readAt,
        };

    public static string? UserOf(TableEntity entity) => entity.GetString("User");

    public static DateTimeOffset? ReadAtOf(TableEntity entity) => entity.GetDateTimeOffset("ReadAt");
}
