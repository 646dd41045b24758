using System.Text.Json;
using Messaging.SignalRService;
using Messaging.Core.Realtime;
using Messaging.Functions.Realtime;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.AzureServices;

/// <summary>
/// Pushes notifications through Azure SignalR Service's REST API, for what does not pass through the
/// <c>fanout</c> function's output binding (typing indicators).
/// </summary>
internal sealed class SignalRServiceNotifier(SignalRRestClient client, RealtimePayloads payloads, IOptions<JsonOptions> json) : IRealtimeNotifier
{
    public Task NotifyAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken) =>
        Task.WhenAll(notifications.Select(n => client.SendToUserAsync(
            RealtimeEvents.Hub,
            n.UserId,
            n.Target,
            [Serialize(payloads.ToWire(n))],
            cancellationToken)));

    private JsonElement Serialize(object payload) => JsonSerializer.SerializeToElement(payload, payload.GetType(), json.Value.SerializerOptions);
}
