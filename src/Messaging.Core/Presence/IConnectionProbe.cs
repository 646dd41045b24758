namespace Messaging.Core.Presence;

/// <summary>Asks SignalR Service whether a connection it reported is still open (there is none to ask locally).</summary>
public interface IConnectionProbe
{
    Task<bool> IsOpenAsync(string connectionId, CancellationToken cancellationToken);
}
