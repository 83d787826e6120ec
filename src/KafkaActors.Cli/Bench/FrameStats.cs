using System.Diagnostics.Metrics;
using KafkaActors.Cluster;

namespace KafkaActors.Cli.Bench;

/// <summary>Frames between nodes and items per frame, by kind, read off the <c>KafkaActors</c> meter while it lives.</summary>
internal sealed class FrameStats : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _requestFrames, _requestItems, _resultFrames, _resultItems;

    public FrameStats()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaActorsMetrics.MeterName && instrument.Name == ClusterMetrics.RecordsPerFrame)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((_, items, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != ClusterMetrics.FrameTag) continue;
                if (Equals(tag.Value, ClusterMetrics.RequestFrame))
                {
                    Interlocked.Increment(ref _requestFrames);
                    Interlocked.Add(ref _requestItems, items);
                }
                else
                {
                    Interlocked.Increment(ref _resultFrames);
                    Interlocked.Add(ref _resultItems, items);
                }
            }
        });
        _listener.Start();
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{_requestFrames:N0} request frames ({Mean(_requestItems, _requestFrames):N1} records each), " +
            $"{_resultFrames:N0} result frames ({Mean(_resultItems, _resultFrames):N1} acceptances and results each)");

    private static double Mean(long items, long frames) => frames == 0 ? 0 : (double)items / frames;

    public void Dispose() => _listener.Dispose();
}
