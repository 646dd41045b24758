using System.Text.Json.Serialization;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Messages;

/// <summary>Sending messages, idempotently, and reading a conversation's history.</summary>
public static class MessagesFeature
{
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddSingleton<SendMessageHandler>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<IEventFanOut, MessageSentFanOut>();
        services.AddRealtimePayload<Message, MessageDto>(MessageDto.From);
        services.AddJsonContext(MessagesJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(ConversationMessagesRequest))]
[JsonSerializable(typeof(MessageDetailsRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(MessageDto[]))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
