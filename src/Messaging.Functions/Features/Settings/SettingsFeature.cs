using System.Text.Json.Serialization;
using Messaging.Core.Settings;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Settings;

/// <summary>Per-user conversation settings (pinned, muted, archived, favorite, ringtone): stored, never pushed.</summary>
public static class SettingsFeature
{
    public static IServiceCollection AddSettings(this IServiceCollection services)
    {
        services.AddSingleton<UpdateConversationSettingsHandler>();
        services.AddJsonContext(SettingsJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(UpdateConversationSettingsRequest))]
[JsonSerializable(typeof(ConversationSettingsDto))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
