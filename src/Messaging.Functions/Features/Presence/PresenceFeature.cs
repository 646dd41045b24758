using System.Text.Json.Serialization;
using Messaging.Core.Blocking;
using Messaging.Core.Inbox;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Functions.AzureServices;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Features.Presence;

/// <summary>
/// Presence: online while a real-time connection counts (connections come from the local hub, or from SignalR Service
/// through the <c>presenceConnected</c>/<c>presenceDisconnected</c> functions), a chosen status, and
/// <c>presenceChanged</c> to those who share a conversation.
/// </summary>
public static class PresenceFeature
{
    public static IServiceCollection AddPresence(this IServiceCollection services)
    {
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName)
            .Validate(o => o.LeaseDuration > TimeSpan.Zero, $"{PresenceOptions.SectionName}:LeaseDuration must be longer than zero.")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatInterval < o.LeaseDuration,
                $"{PresenceOptions.SectionName}:HeartbeatInterval must be longer than zero and shorter than LeaseDuration.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, $"{PresenceOptions.SectionName}:SweepInterval must be longer than zero.")
            .Validate(o => o.ServiceLeaseDuration > TimeSpan.Zero, $"{PresenceOptions.SectionName}:ServiceLeaseDuration must be longer than zero.")
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            PresenceOptions options = provider.GetRequiredService<IOptions<PresenceOptions>>().Value;
            return new PresenceLease(options.LeaseDuration, options.ServiceLeaseDuration);
        });
        services.AddSingleton<SignalRServiceConnectionProbe>();
        services.AddSingleton(provider => new PresenceTracker(
            provider.GetRequiredService<IPresenceStore>(),
            provider.GetRequiredService<IInboxStore>(),
            provider.GetRequiredService<IBlockStore>(),
            provider.GetRequiredService<IRealtimeNotifier>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<PresenceLease>(),
            // Connections to SignalR Service exist only when it is configured; only then is there a service to ask.
            provider.GetService<IConnectionProbe>()
                ?? (provider.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.IsConfigured
                    ? provider.GetRequiredService<SignalRServiceConnectionProbe>()
                    : null)));
        services.AddSingleton<PresenceQueries>();
        services.AddSingleton<PresenceSweep>();
        services.AddSingleton<SetPresenceHandler>();
        services.AddSingleton<LocalPresenceConnections>();
        services.AddSingleton<IHubConnectionObserver>(provider => provider.GetRequiredService<LocalPresenceConnections>());
        services.AddHostedService<PresenceHeartbeatService>();
        services.AddRealtimePayload<Core.Presence.Presence, PresenceDto>(PresenceDto.From);
        services.AddJsonContext(PresenceJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(SetPresenceRequest))]
[JsonSerializable(typeof(GetPresenceRequest))]
[JsonSerializable(typeof(PresenceDto))]
[JsonSerializable(typeof(PresenceDto[]))]
internal sealed partial class PresenceJsonContext : JsonSerializerContext;
