namespace Messaging.Storage.Outbox;

/// <summary>
/// Outbox rows whose events are published, waiting to be deleted. Deleting each at once would cost a round trip
/// per event; instead the next batch written to the same conversation partition (the next send) carries the
/// deletes along for free, and a background flush deletes what an idle conversation leaves waiting. If the
/// process dies first, the rows stay and the sweeper republishes their events: a duplicate, which fan-out
/// absorbs, never a loss.
/// </summary>
public sealed class OutboxCleanup(TimeProvider clock)
{
    /// <summary>Rows waiting at most; beyond this a completion deletes its row at once.</summary>
    public const int Capacity = 100_000;

    /// <summary>Deletes one send batch carries at most (a batch holds 100 operations).</summary>
    public const int PerBatch = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Waiting>> _byPartition = new(StringComparer.Ordinal);
    private int _count;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Queues the row for deletion; false when the queue is full and the caller must delete it itself.</summary>
    public bool TryAdd(string partition, string rowKey)
    {
        lock (_gate)
        {
            if (_count >= Capacity)
            {
                return false;
            }
            if (!_byPartition.TryGetValue(partition, out List<Waiting>? rows))
            {
                _byPartition[partition] = rows = [];
            }
            rows.Add(new Waiting(rowKey, clock.GetUtcNow()));
            _count++;
            return true;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> of the partition's waiting rows, oldest first.</summary>
    public IReadOnlyList<string> Take(string partition, int max = PerBatch)
    {
        lock (_gate)
        {
            if (!_byPartition.TryGetValue(partition, out List<Waiting>? rows))
            {
                return [];
            }
            int taken = Math.Min(max, rows.Count);
            string[] keys = [.. rows.Take(taken).Select(r => r.RowKey)];
            rows.RemoveRange(0, taken);
            if (rows.Count == 0)
            {
                _byPartition.Remove(partition);
            }
            _count -= taken;
            return keys;
        }
    }

    /// <summary>Puts back rows a failed batch did not delete.</summary>
    public void Return(string partition, IEnumerable<string> rowKeys)
    {
        foreach (string rowKey in rowKeys)
        {
            TryAdd(partition, rowKey);
        }
    }

    /// <summary>The partitions holding a row that has waited at least <paramref name="age"/>, each with up to 100 of its rows.</summary>
    public IReadOnlyList<(string Partition, IReadOnlyList<string> RowKeys)> TakeWaitingSince(TimeSpan age)
    {
        DateTimeOffset cutoff = clock.GetUtcNow() - age;
        List<string> due;
        lock (_gate)
        {
            due = [.. _byPartition.Where(p => p.Value[0].Since <= cutoff).Select(p => p.Key)];
        }
        return [.. due.Select(partition => (partition, Take(partition, BatchDeletes.MaxRows))).Where(p => p.Item2.Count > 0)];
    }

    private readonly record struct Waiting(string RowKey, DateTimeOffset Since);
}
