using Azure.Data.Tables;
using Messaging.Core.Messages;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Messages;

/// <summary>Maps a message to and from its <c>msg_{seq}</c> row.</summary>
internal static class MessageEntity
{
    public static TableEntity Create(Message message)
    {
        var entity = new TableEntity(message.ConversationId, TableLayout.MessageRowKey(message.Seq))
        {
            ["Sender"] = message.Sender,
            ["Content"] = message.Content,
            ["SentAt"] = message.SentAt,
        };
        if (message.SystemEvent is not null)
        {
            entity["SystemEvent"] = message.SystemEvent;
            EntityJson.WriteLargeList(entity, "Members", message.Members ?? []);
        }
        return entity;
    }

    public static Message From(TableEntity entity) => new(
        entity.PartitionKey,
        TableLayout.MessageSeq(entity.RowKey),
        entity.GetString("Sender") ?? string.Empty,
        entity.GetString("Content") ?? string.Empty,
        entity.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue)
    {
        SystemEvent = entity.GetString("SystemEvent"),
        Members = entity.GetString("SystemEvent") is null ? null : EntityJson.ReadLargeList(entity, "Members"),
    };
}
