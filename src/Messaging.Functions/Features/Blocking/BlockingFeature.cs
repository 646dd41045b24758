using System.Text.Json.Serialization;
using Messaging.Core.Blocking;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Blocking;

/// <summary>User blocking: block rows per user, enforced on direct conversations by createConversation, sendMessage and typing.</summary>
public static class BlockingFeature
{
    public static IServiceCollection AddBlocking(this IServiceCollection services)
    {
        services.AddSingleton<BlockUserHandler>();
        services.AddSingleton<BlockQueries>();
        services.AddSingleton<DirectBlocks>();
        services.AddJsonContext(BlockingJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(BlockUserRequest))]
[JsonSerializable(typeof(UnblockUserRequest))]
[JsonSerializable(typeof(BlockUserResponse))]
[JsonSerializable(typeof(BlockedUserDto[]))]
internal sealed partial class BlockingJsonContext : JsonSerializerContext;
