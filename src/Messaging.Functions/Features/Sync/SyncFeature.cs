using System.Text.Json.Serialization;
using Messaging.Core.Events;
using Messaging.Core.Sync;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Sync;

/// <summary>Catch-up across all of a user's conversations in one call (<c>_sync</c>), and the change tracking behind it.</summary>
public static class SyncFeature
{
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddSingleton<SyncQuery>();
        // After the changes' own fan-outs: each change to a sent message also moves its seers' inbox revision.
        services.AddSingleton<IEventFanOut, MessageUpdatedRevision>();
        services.AddSingleton<IEventFanOut, MessageDeletedRevision>();
        services.AddSingleton<IEventFanOut, ReactionChangedRevision>();
        services.AddJsonContext(SyncJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(SyncDto[]))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;
