using System.Diagnostics.Metrics;

namespace KafkaActors.Cli.Pipeline;

/// <summary>
/// Counts kafka_actors.key_order_violations for one topic while it lives: records that preserve-key-order
/// = on let land after a later record of their key. Read from the meter, as an exporter would.
/// </summary>
internal sealed class KeyOrderViolations : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public KeyOrderViolations(string topic)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaActorsMetrics.MeterName && instrument.Name == KafkaActorsMetrics.KeyOrderViolations)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var (key, tagValue) in tags)
                if (key == KafkaActorsMetrics.TopicTag && tagValue as string == topic) Interlocked.Add(ref _count, value);
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
