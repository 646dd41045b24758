using System.Diagnostics.Metrics;
using Messaging.Core.Diagnostics;

namespace Messaging.Storage.Diagnostics;

/// <summary>
/// What the app asks of Table Storage: requests sent (every attempt, retries included) and entities read.
/// Round trips are what a send costs in latency and in money, so they are measured, not inferred.
/// </summary>
public sealed class StorageMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _entitiesRead;

    public StorageMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MessagingDiagnostics.Name);
        _requests = meter.CreateCounter<long>(
            "messaging.storage.requests", "{request}", "Requests sent to Table Storage, each retry counted.");
        _entitiesRead = meter.CreateCounter<long>(
            "messaging.storage.entities.read", "{entity}", "Entities returned by Table Storage point reads and queries.");
    }

    public void Request() => _requests.Add(1);

    public void EntitiesRead(int count)
    {
        if (count > 0)
        {
            _entitiesRead.Add(count);
        }
    }
}
