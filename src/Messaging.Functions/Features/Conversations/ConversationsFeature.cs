using System.Text.Json.Serialization;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Conversations;

/// <summary>Direct conversations: creating one, and the queries over them.</summary>
public static class ConversationsFeature
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<CreateConversationHandler>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<DeleteConversationHandler>();
        services.AddSingleton<SendDirectMessageHandler>();
        services.AddSingleton<IEventFanOut, ConversationDeletedFanOut>();
        services.AddRealtimePayload<ConversationDeleted, ConversationDeletedDto>(ConversationDeletedDto.From);
        services.AddSingleton<IEventFanOut, ConversationCreatedFanOut>();
        services.AddRealtimePayload<ConversationCreated, ConversationDto>(ConversationDto.From);
        services.AddJsonContext(ConversationsJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(CreateConversationRequest))]
[JsonSerializable(typeof(GetConversationRequest))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(ConversationsForUserRequest))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(CreateConversationResponse))]
[JsonSerializable(typeof(ConversationDto))]
[JsonSerializable(typeof(ConversationDto[]))]
[JsonSerializable(typeof(LastMessageDto))]
[JsonSerializable(typeof(DeleteConversationRequest))]
[JsonSerializable(typeof(SendDirectMessageRequest))]
[JsonSerializable(typeof(DirectConversationRequest))]
[JsonSerializable(typeof(ConversationDeletedDto))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;
