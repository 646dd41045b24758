using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Reads;
using Messaging.Storage.Keys;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Conversations;

/// <summary>
/// A member row (<c>mem_{user}</c>): role, when they joined, their read cursor (<c>ReadSeq</c>, <c>ReadAt</c>) and their
/// delivered cursor (<c>DeliveredSeq</c>, <c>DeliveredAt</c>). Every write of a member row is made here.
/// </summary>
internal static class MemberEntity
{
    public static TableEntity Create(Conversation conversation, string user) =>
        new(conversation.Id, TableLayout.MemberRowKey(user))
        {
            ["User"] = user,
            ["Role"] = "member",
            ["JoinedAt"] = conversation.CreatedAt,
            ["ReadSeq"] = 0L,
        };

    /// <summary>Moves the read cursor; only ever written with a value known to be at or past the current one.</summary>
    public static TableEntity ReadUpTo(string conversationId, string user, long seq, DateTimeOffset readAt) =>
        new(conversationId, TableLayout.MemberRowKey(user))
        {
            ["User"] = user,
            ["ReadSeq"] = seq,
            ["ReadAt"] = readAt,
        };

    /// <summary>Moves the delivered cursor; only ever written with a value known to be past the current one. Leaves the read cursor alone.</summary>
    public static TableEntity DeliveredUpTo(string conversationId, string user, long seq, DateTimeOffset deliveredAt) =>
        new(conversationId, TableLayout.MemberRowKey(user))
        {
            ["User"] = user,
            ["DeliveredSeq"] = seq,
            ["DeliveredAt"] = deliveredAt,
        };

    public static ReadReceipt ToReceipt(TableEntity entity, string user) => new(
        entity.PartitionKey,
        user,
        entity.GetInt64("ReadSeq") ?? 0,
        entity.GetDateTimeOffset("ReadAt"))
    {
        DeliveredSeq = entity.GetInt64("DeliveredSeq") ?? 0,
        DeliveredAt = entity.GetDateTimeOffset("DeliveredAt"),
    };

    /// <summary>The cursors of a row found by the member prefix (the user comes from its key).</summary>
    public static ReadReceipt ToReceipt(TableEntity entity) =>
        ToReceipt(entity, TableKey.Decode(entity.RowKey[TableLayout.MemberPrefix.Length..]));
}
