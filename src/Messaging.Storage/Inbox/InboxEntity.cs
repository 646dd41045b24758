using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Inbox;

/// <summary>Maps an inbox entry to and from its row in the user's partition.</summary>
internal static class InboxEntity
{
    /// <summary>Longest message preview kept in an inbox entry, in characters.</summary>
    public const int PreviewLength = 200;

    /// <summary>What a conversation's creation sets; merged, so it never touches the message fields.</summary>
    public static TableEntity Membership(string user, ConversationCreated created) =>
        new(TableLayout.UserPartition(user), TableLayout.InboxRowKey(created.ConversationId))
        {
            ["Kind"] = ConversationEntity.KindName(created.Kind),
            ["Participants"] = EntityJson.WriteList(created.Participants),
            ["CreatedAt"] = created.OccurredAt,
        };

    /// <summary>What a new message sets.</summary>
    public static TableEntity LastMessage(string user, MessageSent sent)
    {
        string content = sent.Message.Content;
        return new TableEntity(TableLayout.UserPartition(user), TableLayout.InboxRowKey(sent.ConversationId))
        {
            ["Participants"] = EntityJson.WriteList(sent.Participants),
            ["LastSeq"] = sent.Message.Seq,
            ["LastMessageAt"] = sent.Message.SentAt,
            ["LastSender"] = sent.Message.Sender,
            ["LastPreview"] = content.Length <= PreviewLength ? content : content[..PreviewLength],
        };
    }

    public static InboxEntry From(TableEntity entity) => new(
        entity.RowKey[TableLayout.InboxPrefix.Length..],
        ConversationEntity.ParseKind(entity.GetString("Kind")),
        EntityJson.ReadList(entity.GetString("Participants")),
        entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.GetInt64("LastSeq") ?? 0,
        entity.GetDateTimeOffset("LastMessageAt"),
        entity.GetString("LastSender"),
        entity.GetString("LastPreview"));
}
