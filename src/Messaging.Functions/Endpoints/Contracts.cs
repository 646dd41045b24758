using System.Globalization;
using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;

namespace Messaging.Functions.Endpoints;

// The JSON shapes of the seed 000 contract. The same shapes are the payloads of real-time events.

public sealed record ConversationDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("participant1")] string Participant1,
    [property: JsonPropertyName("participant2")] string Participant2)
{
    public static ConversationDto From(Conversation conversation) =>
        new(conversation.Id, conversation.Participant1, conversation.Participant2);

    public static ConversationDto From(InboxEntry entry) =>
        new(entry.ConversationId, entry.Participants[0], entry.Participants[1]);
}

public sealed record MessageDto(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("sentAt")] string SentAt)
{
    public static MessageDto From(Message message) => new(
        message.Id,
        message.ConversationId,
        message.Sender,
        message.Content,
        message.SentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}

public sealed record CreateConversationResponse([property: JsonPropertyName("conversationId")] string ConversationId);

public sealed record SendMessageResponse([property: JsonPropertyName("message")] MessageDto Message);

public sealed record HealthResponse([property: JsonPropertyName("status")] string Status);
