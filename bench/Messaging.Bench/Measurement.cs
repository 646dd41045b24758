namespace Messaging.Bench;

/// <summary>
/// The app-side costs of a measured window: CPU from the app process, storage round trips and entities read from its
/// counters. Begin after the warm-up has drained; End after the window has drained.
/// </summary>
internal sealed class Measurement
{
    private readonly BenchContext _context;
    private TimeSpan _cpu;
    private double _requests;
    private double _entities;

    private Measurement(BenchContext context) => _context = context;

    public static async Task<Measurement> BeginAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var measurement = new Measurement(context);
        await context.Counters.FlushAsync(cancellationToken); // the warm-up's measurements are in before the snapshot
        measurement._requests = context.Counters.Total(StorageCounters.Requests);
        measurement._entities = context.Counters.Total(StorageCounters.EntitiesRead);
        measurement._cpu = context.App.CpuTime;
        return measurement;
    }

    /// <summary>Per request of the window: app CPU ms, storage requests, entities read.</summary>
    public async Task<(double Cpu, double Storage, double Entities)> EndAsync(long requests, CancellationToken cancellationToken)
    {
        TimeSpan cpu = _context.App.CpuTime - _cpu;
        await _context.Counters.FlushAsync(cancellationToken);
        double storage = _context.Counters.Total(StorageCounters.Requests) - _requests;
        double entities = _context.Counters.Total(StorageCounters.EntitiesRead) - _entities;
        double n = Math.Max(1, requests);
        return (cpu.TotalMilliseconds / n, storage / n, entities / n);
    }
}
