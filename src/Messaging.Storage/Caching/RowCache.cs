using Microsoft.Extensions.Caching.Memory;

namespace Messaging.Storage.Caching;

/// <summary>
/// This process's last known state of some rows, with their ETags, so a write can be guarded by an ETag
/// without reading the row first. A stale entry costs nothing but a 412 and a re-read: every write that uses it
/// is conditional, so the cache can never make data wrong, only save round trips. Bounded; the least recently
/// used entries go first.
/// </summary>
public sealed class RowCache<T>(int capacity) : IDisposable where T : class
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.1 });

    public int Capacity => capacity;

    public T? Get(string partitionKey, string rowKey) => _entries.Get<T>(Key(partitionKey, rowKey));

    public void Set(string partitionKey, string rowKey, T state) =>
        _entries.Set(Key(partitionKey, rowKey), state, new MemoryCacheEntryOptions { Size = 1 });

    public void Remove(string partitionKey, string rowKey) => _entries.Remove(Key(partitionKey, rowKey));

    public void Dispose() => _entries.Dispose();

    // Keys never contain control characters (TableKey escapes them), so a NUL separates the two unambiguously.
    private static string Key(string partitionKey, string rowKey) => string.Concat(partitionKey, "\0", rowKey);
}
