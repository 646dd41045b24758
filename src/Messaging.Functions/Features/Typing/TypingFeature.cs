using System.Text.Json.Serialization;
using Messaging.Core.Typing;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Typing;

/// <summary>Typing indicators: pushed to the other participants, never stored.</summary>
public static class TypingFeature
{
    public static IServiceCollection AddTyping(this IServiceCollection services)
    {
        services.AddSingleton<SetTypingHandler>();
        services.AddRealtimePayload<TypingChanged, TypingDto>(TypingDto.From);
        services.AddJsonContext(TypingJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(TypingDto))]
internal sealed partial class TypingJsonContext : JsonSerializerContext;
