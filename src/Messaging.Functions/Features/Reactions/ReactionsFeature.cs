using System.Text.Json.Serialization;
using Messaging.Core.Events;
using Messaging.Core.Reactions;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Reactions;

/// <summary>Reactions to messages: one per user and emoji, summarized on the message, pushed to whoever can see it.</summary>
public static class ReactionsFeature
{
    public static IServiceCollection AddReactions(this IServiceCollection services)
    {
        services.AddSingleton<ReactionHandler>();
        services.AddSingleton<IEventFanOut, ReactionChangedFanOut>();
        services.AddRealtimePayload<ReactionChanged, ReactionChangedDto>(ReactionChangedDto.From);
        services.AddJsonContext(ReactionsJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(ReactionChangedDto))]
internal sealed partial class ReactionsJsonContext : JsonSerializerContext;
