using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Conversations;

/// <summary>
/// Maps a conversation header to and from its <c>conv</c> row. A direct conversation stores its two participants; a
/// group its members (roles and join points), from which its participants follow, plus title and category.
/// </summary>
internal static class ConversationEntity
{
    public static TableEntity ToHeader(Conversation conversation)
    {
        var entity = new TableEntity(conversation.Id, TableLayout.HeaderRowKey)
        {
            ["Kind"] = KindName(conversation.Kind),
            ["CreatedAt"] = conversation.CreatedAt,
            ["LastSeq"] = conversation.LastSeq,
        };
        if (conversation.IsGroup)
        {
            WriteGroup(entity, conversation);
        }
        else
        {
            entity["Participants"] = EntityJson.WriteList(conversation.Participants);
        }
        entity.SetIfNotNull("CreatedBy", conversation.CreatedBy);
        entity.SetIfNotNull("Category", conversation.Category);
        if (conversation.LastMessageAt is { } last)
        {
            entity["LastMessageAt"] = last;
        }
        return entity;
    }

    /// <summary>Only what a new message changes, for a merge.</summary>
    public static TableEntity ToSequenceUpdate(Conversation conversation) =>
        new(conversation.Id, TableLayout.HeaderRowKey)
        {
            ["LastSeq"] = conversation.LastSeq,
            ["LastMessageAt"] = conversation.LastMessageAt!.Value,
            ["LastSender"] = conversation.LastSender,
            ["LastPreview"] = conversation.LastPreview,
        };

    /// <summary>What a group change sets, for a merge: the message sequence, members, title and whether it is deleted.</summary>
    public static TableEntity ToGroupUpdate(Conversation group)
    {
        TableEntity entity = ToSequenceUpdate(group);
        WriteGroup(entity, group);
        entity["Deleted"] = group.Deleted;
        return entity;
    }

    /// <summary>The conversation, or null for a deleted group (gone for everyone, however its rows linger).</summary>
    public static Conversation? FromLiveHeader(TableEntity entity) =>
        entity.GetBoolean("Deleted") == true ? null : FromHeader(entity);

    public static Conversation FromHeader(TableEntity entity)
    {
        ConversationKind kind = ParseKind(entity.GetString("Kind"));
        DateTimeOffset createdAt = entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue;
        Conversation conversation = kind == ConversationKind.Group
            ? Conversation.Group(entity.PartitionKey, entity.GetString("CreatedBy"), createdAt,
                EntityJson.ReadMembers(entity, "Members"), entity.GetString("Title"), entity.GetString("Category"))
            : new Conversation(entity.PartitionKey, kind, EntityJson.ReadList(entity.GetString("Participants")),
                entity.GetString("CreatedBy"), createdAt, 0, null, null) { Category = entity.GetString("Category") };
        return conversation with
        {
            LastSeq = entity.GetInt64("LastSeq") ?? 0,
            LastMessageAt = entity.GetDateTimeOffset("LastMessageAt"),
            LastSender = entity.GetString("LastSender"),
            LastPreview = entity.GetString("LastPreview"),
            Deleted = entity.GetBoolean("Deleted") == true,
            Version = entity.ETag.ToString(),
            BlockedBy = kind == ConversationKind.Direct ? ReadBlockedBy(entity, conversation.Participants) : [],
        };
    }

    /// <summary>
    /// The header property saying that the participant at <paramref name="index"/> blocks the other: one per side, so
    /// each side's block is a blind merge that cannot overwrite the other's.
    /// </summary>
    public static string BlocksProperty(int index) => index == 0 ? "Participant1Blocks" : "Participant2Blocks";

    private static IReadOnlyList<string> ReadBlockedBy(TableEntity entity, IReadOnlyList<string> participants)
    {
        if (participants.Count != 2 || !(entity.GetBoolean(BlocksProperty(0)) == true || entity.GetBoolean(BlocksProperty(1)) == true))
        {
            return [];
        }
        return [.. participants.Where((_, index) => entity.GetBoolean(BlocksProperty(index)) == true)];
    }

    public static string KindName(ConversationKind kind) => kind == ConversationKind.Group ? "group" : "direct";

    public static ConversationKind ParseKind(string? name) => name == "group" ? ConversationKind.Group : ConversationKind.Direct;

    private static void WriteGroup(TableEntity entity, Conversation group)
    {
        EntityJson.WriteMembers(entity, "Members", group.Members);
        entity.SetIfNotNull("Title", group.Title);
    }
}
