using Azure.Data.Tables;
using Messaging.Storage.Diagnostics;

namespace Messaging.Storage;

/// <summary>
/// The one table every store uses. It is created on first use rather than at start-up, so the app
/// starts even while storage is unreachable, and a failed attempt is simply tried again by the next caller.
/// </summary>
public sealed class MessagingTable(TableClient client, StorageMetrics metrics) : IDisposable
{
    /// <summary>Where the stores count the entities they read.</summary>
    public StorageMetrics Metrics => metrics;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    /// <summary>The client, once the table is known to exist.</summary>
    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_ready)
                {
                    await client.CreateIfNotExistsAsync(cancellationToken);
                    _ready = true;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        return client;
    }

    /// <summary>The table was found missing (storage was reset): the next <see cref="GetAsync"/> creates it again.</summary>
    public void Forget() => _ready = false;

    public void Dispose() => _gate.Dispose();
}
