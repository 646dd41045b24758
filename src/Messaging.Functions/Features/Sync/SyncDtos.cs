using System.Text.Json.Serialization;
using Messaging.Core.Messages;
using Messaging.Core.Sync;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Features.Settings;

namespace Messaging.Functions.Features.Sync;

public sealed record SyncRequest
{
    public string? User { get; init; }

    /// <summary>The <c>next</c> token of the previous call; without it, every conversation comes with its latest messages.</summary>
    public string? Since { get; init; }

    /// <summary>Messages per conversation, 1–200 (default 50).</summary>
    public int? Limit { get; init; }
}

/// <summary>The element of <c>_sync</c>.</summary>
public sealed record SyncDto(
    [property: JsonPropertyName("next")] string Next,
    [property: JsonPropertyName("conversations")] IReadOnlyList<SyncedConversationDto> Conversations,
    [property: JsonPropertyName("removed")] IReadOnlyList<string> Removed)
{
    public static SyncDto From(SyncResult result) => new(result.Next, [.. result.Conversations.Select(SyncedConversationDto.From)], result.Removed);
}

/// <summary>
/// One changed conversation: the conversation as it stands with the user's unread count, read cursor and settings,
/// and the messages they are missing, oldest first. <c>gap</c> means more were missing than came: page back from the first.
/// </summary>
public sealed record SyncedConversationDto(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("conversation")] ConversationDto Conversation,
    [property: JsonPropertyName("messages")] IReadOnlyList<MessageDto> Messages,
    [property: JsonPropertyName("gap")] bool Gap)
{
    public static SyncedConversationDto From(SyncedConversation synced) => new(
        synced.Conversation.Id,
        ConversationDto.From(synced.Conversation) with
        {
            UnreadCount = synced.UnreadCount,
            ReadUpTo = synced.ReadSeq > 0 ? MessageId.Format(synced.Conversation.Id, synced.ReadSeq) : null,
            Settings = ConversationSettingsDto.From(synced.Entry.Settings),
        },
        [.. synced.Messages.Select(message => MessageDto.From(message))],
        synced.Gap);
}
