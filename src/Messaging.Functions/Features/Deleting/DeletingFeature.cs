using System.Text.Json.Serialization;
using Messaging.Core.Deleting;
using Messaging.Core.Events;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Deleting;

/// <summary>Deleting messages for everyone: a tombstone at once, the text erased everywhere it was kept.</summary>
public static class DeletingFeature
{
    public static IServiceCollection AddDeleting(this IServiceCollection services)
    {
        services.AddSingleton<DeleteMessageHandler>();
        services.AddSingleton<IEventFanOut, MessageDeletedFanOut>();
        services.AddRealtimePayload<MessageDeletion, MessageDeletedDto>(MessageDeletedDto.From);
        services.AddJsonContext(DeletingJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(DeleteMessageRequest))]
[JsonSerializable(typeof(DeleteMessageResponse))]
[JsonSerializable(typeof(MessageDeletedDto))]
internal sealed partial class DeletingJsonContext : JsonSerializerContext;
