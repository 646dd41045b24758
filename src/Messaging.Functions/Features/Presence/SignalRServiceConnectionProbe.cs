using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.SignalRService;

namespace Messaging.Functions.Features.Presence;

/// <summary>Asks SignalR Service (REST) whether a connection it reported is still open, before its lease is given up.</summary>
internal sealed class SignalRServiceConnectionProbe(SignalRRestClient client) : IConnectionProbe
{
    public Task<bool> IsOpenAsync(string connectionId, CancellationToken cancellationToken) =>
        client.ConnectionExistsAsync(RealtimeEvents.Hub, connectionId, cancellationToken);
}
