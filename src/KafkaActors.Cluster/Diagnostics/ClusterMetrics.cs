using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KafkaActors.Cluster;

/// <summary>
/// The cluster's instruments, on the same <c>KafkaActors</c> meter as the producer's
/// (<see cref="KafkaActorsMetrics.MeterName"/>: one <c>AddMeter</c> picks up both). Every instrument is
/// tagged with the submitting node's address (<see cref="NodeTag"/>).
/// </summary>
public static class ClusterMetrics
{
    /// <summary>The node's address, e.g. <c>akka.tcp://orders@10.0.0.7:4053</c>.</summary>
    public const string NodeTag = "node";

    /// <summary>Gauge: records the node's front doors hold without a terminal outcome yet.</summary>
    public const string Pending = "kafka_actors.cluster.pending";
    /// <summary>Counter: submissions sent again (no answer in time, node removed, turned away).</summary>
    public const string Resubmitted = "kafka_actors.cluster.resubmitted";
    /// <summary>Counter: results that came for a record already answered, dropped (the cost of at-least-once).</summary>
    public const string DuplicateResults = "kafka_actors.cluster.duplicate_results";
    /// <summary>Counter: records sent again after a later record of their key went out (their key's order is at risk).</summary>
    public const string OrderAtRisk = "kafka_actors.cluster.order_at_risk";
    /// <summary>Counter: frames sent, by <see cref="FrameTag"/>; tagged with the sending node.</summary>
    public const string Frames = "kafka_actors.cluster.frames";
    /// <summary>Histogram: records (or, in result frames, acceptances and results) per frame sent, by <see cref="FrameTag"/>.</summary>
    public const string RecordsPerFrame = "kafka_actors.cluster.records_per_frame";

    /// <summary>On <see cref="Frames"/> and <see cref="RecordsPerFrame"/>: <see cref="RequestFrame"/> or <see cref="ResultFrame"/>.</summary>
    public const string FrameTag = "frame";
    /// <summary>Submitter to bucket: records to produce.</summary>
    public const string RequestFrame = "request";
    /// <summary>Producer node to submitter: acceptances and results.</summary>
    public const string ResultFrame = "result";

    private static readonly Meter Meter = new(KafkaActorsMetrics.MeterName, typeof(ClusterMetrics).Assembly.GetName().Version?.ToString());
    private static readonly ConcurrentDictionary<SubmitterMeter, byte> LiveSubmitters = new();

    internal static readonly Counter<long> ResubmittedCounter = Meter.CreateCounter<long>(Resubmitted, "{submission}", "Submissions sent again");
    internal static readonly Counter<long> DuplicateResultsCounter = Meter.CreateCounter<long>(DuplicateResults, "{result}", "Results for records answered already, dropped");

    internal static readonly Counter<long> OrderAtRiskCounter = Meter.CreateCounter<long>(OrderAtRisk, "{record}", "Records sent again behind a later record of their key");

    private static readonly Counter<long> FramesCounter = Meter.CreateCounter<long>(Frames, "{frame}", "Frames sent between nodes");
    private static readonly Histogram<int> RecordsPerFrameHistogram = Meter.CreateHistogram<int>(RecordsPerFrame, "{item}", "Items per frame sent");

    internal static void RecordFrame(KeyValuePair<string, object?> node, string frame, int items)
    {
        var kind = new KeyValuePair<string, object?>(FrameTag, frame);
        FramesCounter.Add(1, node, kind);
        RecordsPerFrameHistogram.Record(items, node, kind);
    }

    static ClusterMetrics()
    {
        Meter.CreateObservableGauge(Pending, ObservePending, "{record}", "Records pending at the node's front doors");
    }

    internal static void Register(SubmitterMeter submitter) => LiveSubmitters.TryAdd(submitter, 0);

    internal static void Unregister(SubmitterMeter submitter) => LiveSubmitters.TryRemove(submitter, out _);

    // Several front doors may run on one node: one measurement per node, summed.
    private static IEnumerable<Measurement<int>> ObservePending() =>
        LiveSubmitters.Keys.GroupBy(s => s.Node, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Sum(s => s.Pending), g.First().Tag))
            .ToList();
}
