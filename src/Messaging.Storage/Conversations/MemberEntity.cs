using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Reads;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Conversations;

/// <summary>A member row (<c>mem_{user}</c>): role, when they joined, and their read cursor.</summary>
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

    public static ReadReceipt ToReceipt(TableEntity entity, string user) => new(
        entity.PartitionKey,
        user,
        entity.GetInt64("ReadSeq") ?? 0,
        entity.GetDateTimeOffset("ReadAt"));
}
