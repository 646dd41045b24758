using System.Text.Json.Serialization;
using Messaging.Core.Editing;
using Messaging.Core.Events;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Editing;

/// <summary>Editing messages, keeping every earlier version.</summary>
public static class EditingFeature
{
    public static IServiceCollection AddEditing(this IServiceCollection services)
    {
        services.AddSingleton<EditMessageHandler>();
        services.AddSingleton<MessageEditQueries>();
        services.AddSingleton<IEventFanOut, MessageUpdatedFanOut>();
        services.AddJsonContext(EditingJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(EditMessageRequest))]
[JsonSerializable(typeof(MessageEditsRequest))]
[JsonSerializable(typeof(MessageEditDto[]))]
internal sealed partial class EditingJsonContext : JsonSerializerContext;
