using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Configuration;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Tests.Support;
using Xunit;

namespace KafkaActors.Cluster.Tests.Diagnostics;

/// <summary>
/// The front door's instruments on the <c>KafkaActors</c> meter, read with a <see cref="MeterListener"/> and
/// filtered by this test's node (other tests in the process emit on the same meter).
/// </summary>
public sealed class ClusterMetricsTests : FrontDoorSpec, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();
    private readonly ConcurrentDictionary<string, long> _gauges = new();
    private readonly string _node;

    public ClusterMetricsTests()
    {
        _node = Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaActorsMetrics.MeterName && instrument.Name.StartsWith("kafka_actors.cluster.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (IsOurs(tags)) _counters.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (IsOurs(tags)) _gauges[instrument.Name] = value;
        });
        _listener.Start();
    }

    private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == ClusterMetrics.NodeTag) return Equals(tag.Value, _node);
        return false;
    }

    private long Pending()
    {
        _listener.RecordObservableInstruments();
        return _gauges.GetValueOrDefault(ClusterMetrics.Pending, -1);
    }

    [Fact]
    public void Pending_re_sent_and_duplicate_results_are_measured_per_node()
    {
        var buckets = CreateTestProbe();
        var settings = ClusterProducingSettings.Create(ConfigurationFactory.Empty)
            .WithAcceptTimeout(TimeSpan.FromMilliseconds(300)).WithCheckInterval(TimeSpan.FromMilliseconds(50)).WithMaxSubmissions(10);
        var frontDoor = Sys.ActorOf(ClusterProducerFrontDoor.Props<string, string, int>(settings, buckets, null, null));
        var frames = new FrameProbe(buckets);

        for (var i = 0; i < 3; i++) frontDoor.Tell(new Produce<string, string, int>(ProducerEnvelope.Create("orders", $"k{i}", "v", i)));
        var first = Enumerable.Range(0, 3).Select(_ => frames.ExpectRequest()).ToList();
        AwaitAssert(() => Assert.Equal(3, Pending()));

        // Nobody acknowledges: each is sent again after the accept timeout.
        var again = Enumerable.Range(0, 3).Select(_ => frames.ExpectRequest()).ToList();
        Assert.All(again, r => Assert.Equal(2, r.Submission));
        AwaitAssert(() => Assert.True(_counters.GetValueOrDefault(ClusterMetrics.Resubmitted) >= 3));

        foreach (var request in again) frontDoor.Tell(Delivered(request));
        ReceiveN(3);
        AwaitAssert(() => Assert.Equal(0, Pending()));

        frontDoor.Tell(Delivered(first[0])); // the first submission's answer, late: a duplicate
        AwaitAssert(() => Assert.Equal(1, _counters.GetValueOrDefault(ClusterMetrics.DuplicateResults)));
        // Every frame the probe read was counted (a slow machine may have sent a third submission since).
        Assert.InRange(_counters.GetValueOrDefault(ClusterMetrics.Frames), frames.Frames, long.MaxValue);
        Assert.InRange(frames.Frames, 2, 6);
    }

    private static RecordDelivered Delivered(ProduceRequest request) =>
        new(request.RecordId, request.Submission, new Partition(0), new Offset(1), Timestamp.Default, PersistenceStatus.Persisted, 1);

    void IDisposable.Dispose()
    {
        _listener.Dispose();
        Dispose();
    }
}
