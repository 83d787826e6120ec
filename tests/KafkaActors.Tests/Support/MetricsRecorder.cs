using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Listens to the KafkaActors meter for one topic, as an OpenTelemetry exporter would: counter sums,
/// histogram counts and the latest gauge values, keyed by instrument and extra tag.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly string _topic;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, long> _measurements = new();
    private readonly ConcurrentDictionary<string, double> _latest = new();

    public MetricsRecorder(string topic)
    {
        _topic = topic;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaActorsMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.Start();
    }

    /// <summary>Sum of a counter for this topic; with <paramref name="tag"/> (e.g. "kind=retriable"), only those measurements.</summary>
    public long Count(string instrument, string? tag = null) => (long)_sums.GetValueOrDefault(Key(instrument, tag));

    /// <summary>How many values a histogram recorded for this topic.</summary>
    public long Recordings(string instrument) => _measurements.GetValueOrDefault(Key(instrument, null));

    /// <summary>Collects the observable gauges now and returns the value for this topic (0 when not reported).</summary>
    public double Gauge(string instrument)
    {
        _latest.TryRemove(Key(instrument, null), out _);
        _listener.RecordObservableInstruments();
        return _latest.GetValueOrDefault(Key(instrument, null));
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? topic = null, extra = null;
        foreach (var (key, tagValue) in tags)
        {
            // The semantic-convention instruments name the topic their way, and tag every measurement with the same system and operation.
            if (key is KafkaActorsMetrics.TopicTag or "messaging.destination.name") topic = tagValue as string;
            else if (key is not ("messaging.system" or "messaging.operation.name")) extra = $"{key}={tagValue}";
        }
        if (topic != _topic) return;
        foreach (var key in extra is null ? [Key(instrument.Name, null)] : new[] { Key(instrument.Name, null), Key(instrument.Name, extra) })
        {
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
            _measurements.AddOrUpdate(key, 1, (_, n) => n + 1);
            _latest[key] = value;
        }
    }

    private static string Key(string instrument, string? tag) => tag is null ? instrument : $"{instrument}|{tag}";
}
