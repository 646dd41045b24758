using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Functions.Http;

public static class JsonContextRegistration
{
    /// <summary>
    /// Adds a feature's source-generated JSON shapes to the HTTP API and the hub, so neither falls back to
    /// reflection (which stays last in the chain, after every context). Every serializer in the app resolves
    /// through these two option sets.
    /// </summary>
    public static IServiceCollection AddJsonContext(this IServiceCollection services, JsonSerializerContext context)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, context));
        services.Configure<JsonHubProtocolOptions>(options => options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, context));
        return services;
    }
}
