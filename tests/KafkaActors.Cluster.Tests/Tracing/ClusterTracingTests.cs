using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Akka.Actor;
using KafkaActors.Cluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Tracing;

/// <summary>A record submitted on one node and produced on another stays in the submitter's trace: the context rides in its headers.</summary>
public sealed class ClusterTracingTests(ITestOutputHelper output) : ClusterSpec(output), IDisposable
{
    private const string CallerName = "KafkaActors.Cluster.Tests.Caller";
    private static readonly ActivitySource Caller = new(CallerName);
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name is KafkaActorsTracing.SourceName or CallerName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task A_record_submitted_on_one_node_and_produced_on_another_is_one_trace()
    {
        _listener.ActivityStopped = _spans.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        var submitter = await Join(["submitter"], startProducers: false);
        var producerNode = await Join(["kafka-producer"], startProducers: false);
        await AllUp([submitter, producerNode]);
        producerNode.StartProducers();
        var frontDoor = submitter.StartProducers().CreateFrontDoor<string, string, int>();

        var probe = new Akka.TestKit.Xunit2.TestKit(submitter.System);
        var request = Caller.StartActivity("handle request");
        Assert.NotNull(request);
        using (request) frontDoor.Tell(Produce.Create(Topic, "k-1", "v-1", 1), probe.TestActor);
        var produced = probe.ExpectMsg<Produced<string, string, int>>(TimeSpan.FromSeconds(60));

        var send = Assert.Single(_spans, s => s.Source.Name == KafkaActorsTracing.SourceName && s.TraceId == request.TraceId);
        Assert.Equal("send " + Topic, send.OperationName);
        Assert.Equal(request.SpanId, send.ParentSpanId);
        Assert.Equal(produced.Offset.Value, send.GetTagItem("messaging.kafka.offset"));
        Assert.Equal(RecordIdOf(produced), send.GetTagItem("messaging.message.id"));
        var stored = Assert.Single(TestTopic(), r => r.RecordId?.ToString("D") == RecordIdOf(produced));
        Assert.Contains(request.TraceId.ToHexString(), stored.TraceParent);
    }

    private static string? RecordIdOf(Produced<string, string, int> produced) =>
        RecordIdHeader.TryGet(produced.Envelope.Message.Headers, out var id) ? id.ToString("D") : null;

    private IReadOnlyList<(Guid? RecordId, string TraceParent)> TestTopic()
    {
        var records = KafkaActors.Tests.Support.TestConsumer.ReadToEnd<string, string>(Kafka.BootstrapServers, Topic, TimeSpan.FromSeconds(30));
        return records.Select(r => (RecordIdHeader.TryGet(r.Message.Headers, out var id) ? id : (Guid?)null,
            r.Message.Headers.TryGetLastBytes("traceparent", out var tp) ? Encoding.UTF8.GetString(tp) : "")).ToList();
    }

    public void Dispose() => _listener.Dispose();
}
