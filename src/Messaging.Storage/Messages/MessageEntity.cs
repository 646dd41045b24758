using Azure.Data.Tables;
using Messaging.Core.Messages;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Messages;

/// <summary>Maps a message to and from its <c>msg_{seq}</c> row.</summary>
internal static class MessageEntity
{
    public static TableEntity Create(Message message) =>
        new(message.ConversationId, TableLayout.MessageRowKey(message.Seq))
        {
            ["Sender"] = message.Sender,
            ["Content"] = message.Content,
            ["SentAt"] = message.SentAt,
        };

    public static Message From(TableEntity entity) => new(
        entity.PartitionKey,
        TableLayout.MessageSeq(entity.RowKey),
        entity.GetString("Sender") ?? string.Empty,
        entity.GetString("Content") ?? string.Empty,
        entity.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue);
}
