using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Conversations;

/// <summary>Maps a conversation header to and from its <c>conv</c> row.</summary>
internal static class ConversationEntity
{
    public static TableEntity ToHeader(Conversation conversation)
    {
        var entity = new TableEntity(conversation.Id, TableLayout.HeaderRowKey)
        {
            ["Kind"] = KindName(conversation.Kind),
            ["Participants"] = EntityJson.WriteList(conversation.Participants),
            ["CreatedAt"] = conversation.CreatedAt,
            ["LastSeq"] = conversation.LastSeq,
        };
        if (conversation.CreatedBy is not null)
        {
            entity["CreatedBy"] = conversation.CreatedBy;
        }
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
        };

    public static Conversation FromHeader(TableEntity entity)
    {
        var conversation = new Conversation(
            entity.PartitionKey,
            ParseKind(entity.GetString("Kind")),
            EntityJson.ReadList(entity.GetString("Participants")),
            entity.GetString("CreatedBy"),
            entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
            entity.GetInt64("LastSeq") ?? 0,
            entity.GetDateTimeOffset("LastMessageAt"),
            entity.ETag.ToString());
        return conversation with { BlockedBy = ReadBlockedBy(entity, conversation.Participants) };
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
}
