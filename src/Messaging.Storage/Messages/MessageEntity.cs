using Azure.Data.Tables;
using Messaging.Core.Messages;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Messages;

/// <summary>
/// Maps a message to and from its <c>msg_{seq}</c> row. Optional parts are stored only when present, so a plain
/// text message is the three properties it always was. A tombstone keeps the sender, the time and who deleted it.
/// </summary>
internal static class MessageEntity
{
    /// <summary>The sequence numbers of the replies to a message, so an edit or delete can refresh their previews.</summary>
    public const string RepliesProperty = "Replies";

    public const string ReactionsProperty = "Reactions";

    public const string EditsProperty = "Edits";

    public static TableEntity Create(Message message)
    {
        var entity = new TableEntity(message.ConversationId, TableLayout.MessageRowKey(message.Seq))
        {
            ["Sender"] = message.Sender,
            ["SentAt"] = message.SentAt,
        };
        if (message.Replies.Count > 0)
        {
            WriteReplies(entity, message.Replies);
        }
        if (message.IsDeleted)
        {
            entity["DeletedAt"] = message.DeletedAt;
            entity["DeletedBy"] = message.DeletedBy;
            return entity;
        }
        entity["Content"] = message.Content;
        if (message.SystemEvent is not null)
        {
            entity["SystemEvent"] = message.SystemEvent;
            EntityJson.WriteLargeList(entity, "Members", message.Members ?? []);
        }
        else if (message.Type != MessageTypes.Text)
        {
            entity["Type"] = message.Type;
        }
        EntityProperties.SetIfNotNull(entity, "Payload", message.Payload);
        if (message.Attachments.Count > 0)
        {
            EntityJson.WriteLarge(entity, "Attachments", message.Attachments);
        }
        if (message.ReplyTo is { } reply)
        {
            entity["ReplyToSeq"] = reply.Seq;
            entity["ReplyToSender"] = reply.Sender;
            WriteReplyState(entity, reply);
        }
        EntityProperties.SetIfNotNull(entity, "EditedAt", message.EditedAt);
        if (message.EditCount > 0)
        {
            entity[EditsProperty] = message.EditCount;
        }
        if (message.Reactions.Count > 0)
        {
            WriteReactions(entity, message.Reactions);
        }
        return entity;
    }

    /// <summary>What a reply shows of the message it answers: its preview, or that it was deleted.</summary>
    public static void WriteReplyState(TableEntity entity, ReplyPreview reply)
    {
        // Written as "" rather than dropped: a merge leaves out null properties, and the old text must go.
        entity["ReplyToPreview"] = reply.Deleted ? string.Empty : reply.Preview ?? string.Empty;
        entity["ReplyToDeleted"] = reply.Deleted;
    }

    public static void WriteReactions(TableEntity entity, IReadOnlyList<ReactionSummary> reactions) =>
        EntityJson.WriteLarge(entity, ReactionsProperty, reactions);

    // Most messages have none of these lists: skip the part lookups (and their key strings) when the property is absent.
    public static IReadOnlyList<long> ReadReplies(TableEntity entity) =>
        entity.ContainsKey(RepliesProperty) ? EntityJson.ReadLarge<long[]>(entity, RepliesProperty) ?? [] : [];

    public static void WriteReplies(TableEntity entity, IReadOnlyList<long> replies) =>
        EntityJson.WriteLarge(entity, RepliesProperty, replies);

    public static Message From(TableEntity entity)
    {
        string? systemEvent = entity.GetString("SystemEvent");
        var message = new Message(
            entity.PartitionKey,
            TableLayout.MessageSeq(entity.RowKey),
            entity.GetString("Sender") ?? string.Empty,
            entity.GetString("Content") ?? string.Empty,
            entity.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue);
        if (entity.GetDateTimeOffset("DeletedAt") is { } deletedAt)
        {
            return message with { DeletedAt = deletedAt, DeletedBy = entity.GetString("DeletedBy"), Replies = ReadReplies(entity) };
        }
        return message with
        {
            SystemEvent = systemEvent,
            Members = systemEvent is null ? null : EntityJson.ReadLargeList(entity, "Members"),
            Type = systemEvent is not null ? MessageTypes.System : entity.GetString("Type") ?? MessageTypes.Text,
            Payload = entity.GetString("Payload"),
            Attachments = entity.ContainsKey("Attachments") ? EntityJson.ReadLarge<Attachment[]>(entity, "Attachments") ?? [] : [],
            ReplyTo = entity.GetInt64("ReplyToSeq") is { } replySeq
                ? ReadReply(entity, replySeq)
                : null,
            EditedAt = entity.GetDateTimeOffset("EditedAt"),
            EditCount = entity.GetInt32(EditsProperty) ?? 0,
            Replies = ReadReplies(entity),
            Reactions = entity.ContainsKey(ReactionsProperty) ? EntityJson.ReadLarge<ReactionSummary[]>(entity, ReactionsProperty) ?? [] : [],
        };
    }

    private static ReplyPreview ReadReply(TableEntity entity, long seq)
    {
        bool deleted = entity.GetBoolean("ReplyToDeleted") ?? false;
        return new ReplyPreview(seq, entity.GetString("ReplyToSender") ?? string.Empty, deleted ? null : entity.GetString("ReplyToPreview") ?? string.Empty, deleted);
    }
}
