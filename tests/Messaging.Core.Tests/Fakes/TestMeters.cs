using System.Diagnostics.Metrics;

namespace Messaging.Core.Tests.Fakes;

/// <summary>Meters of one test, and the sum of what each instrument recorded on them.</summary>
internal sealed class TestMeters : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _totals = [];

    public TestMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    public double Total(string instrument)
    {
        lock (_totals)
        {
            return _totals.GetValueOrDefault(instrument);
        }
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.ForEach(m => m.Dispose());
    }

    private void Add(string instrument, double value)
    {
        lock (_totals)
        {
            _totals[instrument] = _totals.GetValueOrDefault(instrument) + value;
        }
    }
}
