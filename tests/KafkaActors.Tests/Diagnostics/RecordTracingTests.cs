using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Diagnostics;

/// <summary>One span per record, seen through a plain ActivityListener: from acceptance to the terminal outcome, in the caller's trace.</summary>
public class RecordTracingTests : ProducerActorSpec
{
    private static readonly ActivitySource Caller = new("KafkaActors.Tests.Caller");
    private static readonly ActivityListener CallerListener = ListenToCaller();

    private static ActivityListener ListenToCaller()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s == Caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [FaultInjectionFact]
    public async Task Each_record_is_a_producer_span_in_the_callers_trace_with_the_messaging_attributes()
    {
        CreateTopics(partitions: 2);
        using var spans = new SpanRecorder(Topic);
        var producer = StartProducer(Settings());
        using var caller = Caller.StartActivity("handle request")!;
        caller.AddBaggage("tenant", "acme");
        var ask = producer.Ask<IProduceReply<string, string, int>>(Produce(Envelope(1)), TimeSpan.FromSeconds(30));
        caller.Stop(); // the caller's activity may end first: the span was parented when the envelope was built

        var produced = Assert.IsType<Produced<string, string, int>>(await ask);

        var span = Assert.Single(spans.Sends(Topic));
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal(caller.TraceId, span.TraceId);
        Assert.Equal(caller.SpanId, span.ParentSpanId);
        Assert.Equal("kafka", span.GetTagItem("messaging.system"));
        Assert.Equal(Topic, span.GetTagItem("messaging.destination.name"));
        Assert.Equal("send", span.GetTagItem("messaging.operation.name"));
        Assert.Equal("send", span.GetTagItem("messaging.operation.type"));
        Assert.Equal(produced.Partition.Value.ToString(), span.GetTagItem("messaging.destination.partition.id"));
        Assert.Equal(produced.Offset.Value, span.GetTagItem("messaging.kafka.offset"));
        Assert.Equal("key-1", span.GetTagItem("messaging.kafka.message.key"));
        Assert.Equal(1, span.GetTagItem("kafka_actors.attempts"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Contains(span.Baggage, b => b is { Key: "tenant", Value: "acme" });
    }

    [FaultInjectionFact]
    public async Task A_consumer_continues_the_trace_from_the_records_traceparent_header()
    {
        CreateTopics();
        using var spans = new SpanRecorder(Topic);
        var producer = StartProducer(Settings());
        using (var caller = Caller.StartActivity("handle request")!)
        {
            caller.AddBaggage("tenant", "acme");
            producer.Tell(Produce(Envelope(1)), TestActor);
        }
        ExpectMsg<Produced<string, string, int>>(TimeSpan.FromSeconds(30));

        var consumed = Assert.Single(TestConsumer.ReadAll(Kafka.BootstrapServers, Topic, 1, TimeSpan.FromSeconds(30)));
        var parent = Continue(consumed.Message.Headers, out var baggage);

        var send = Assert.Single(spans.Sends(Topic));
        Assert.Equal(send.TraceId, parent.TraceId);
        Assert.Equal(send.SpanId, parent.SpanId); // the consumer's span is the send span's child
        Assert.Contains(baggage, b => b is { Key: "tenant", Value: "acme" });
    }

    [FaultInjectionFact]
    public async Task A_traceparent_the_caller_set_is_kept_and_the_span_joins_that_trace()
    {
        CreateTopics();
        using var spans = new SpanRecorder(Topic);
        var producer = StartProducer(Settings());
        const string upstream = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var headers = new Headers { { "traceparent", Encoding.UTF8.GetBytes(upstream) } };

        await producer.Ask<Produced<string, string, int>>(Produce(ProducerEnvelope.Create(Topic, "k", "v", 1, headers)), TimeSpan.FromSeconds(30));

        var consumed = Assert.Single(TestConsumer.ReadAll(Kafka.BootstrapServers, Topic, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal([upstream], consumed.Message.Headers.Where(h => h.Key == "traceparent").Select(h => Encoding.UTF8.GetString(h.GetValueBytes())));
        var send = Assert.Single(spans.Sends(Topic));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", send.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", send.ParentSpanId.ToHexString());
    }

    [FaultInjectionFact]
    public async Task With_a_300_ms_broker_round_trip_the_span_lasts_until_the_acknowledgement()
    {
        CreateTopics();
        using var spans = new SpanRecorder(Topic);
        var producer = StartProducer(Settings(("linger.ms", "0")));
        await producer.Ask<Produced<string, string, int>>(Produce(Envelope(0)), TimeSpan.FromSeconds(30)); // metadata first
        Kafka.SetBrokerRtt(1, TimeSpan.FromMilliseconds(300));

        await producer.Ask<Produced<string, string, int>>(Produce(Envelope(1)), TimeSpan.FromSeconds(30));

        var span = spans.Sends(Topic).Single(s => (string?)s.GetTagItem("messaging.kafka.message.key") == "key-1");
        Assert.True(span.Duration >= TimeSpan.FromMilliseconds(300), $"span lasted {span.Duration.TotalMilliseconds:F0} ms");
    }

    [FaultInjectionFact]
    public async Task A_retried_record_shows_each_failed_attempt_with_its_error_on_one_span()
    {
        CreateTopics();
        using var spans = new SpanRecorder(Topic);
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]));
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas);

        var produced = await producer.Ask<Produced<string, string, int>>(Produce(Envelope(1)), TimeSpan.FromSeconds(30));

        Assert.Equal(3, produced.Attempts);
        var span = Assert.Single(spans.Sends(Topic));
        Assert.Equal(3, span.GetTagItem("kafka_actors.attempts"));
        var failures = span.Events.Where(e => e.Name == KafkaActorsTracing.AttemptFailedEvent).ToList();
        Assert.Equal([1, 2], failures.Select(e => (int)e.Tags.Single(t => t.Key == "kafka_actors.attempt").Value!));
        Assert.Equal(["RequestTimedOut", "NotEnoughReplicas"], failures.Select(e => (string)e.Tags.Single(t => t.Key == "error.type").Value!));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [FaultInjectionFact]
    public async Task A_dead_lettered_record_ends_in_error_with_its_dead_letter_publish_as_a_child_span()
    {
        CreateTopics();
        using var spans = new SpanRecorder(Topic);
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]));
        Kafka.PushProduceErrors(ErrorCode.MsgSizeTooLarge);

        var deadLettered = await producer.Ask<DeadLettered<string, string, int>>(Produce(Envelope(1)), TimeSpan.FromSeconds(30));

        Assert.True(deadLettered.Published);
        var send = Assert.Single(spans.Sends(Topic));
        Assert.Equal(ActivityStatusCode.Error, send.Status);
        Assert.Equal("MsgSizeTooLarge", send.GetTagItem("error.type"));
        Assert.Equal("Permanent", send.GetTagItem("kafka_actors.dead_letter.cause"));
        var publish = Assert.Single(spans.Sends(DeadLetterTopic));
        Assert.Equal(send.SpanId, publish.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(deadLettered.DeadLetterTopicPartitionOffset!.Offset.Value, publish.GetTagItem("messaging.kafka.offset"));
        Assert.True(publish.StartTimeUtc >= send.StartTimeUtc && publish.StartTimeUtc + publish.Duration <= send.StartTimeUtc + send.Duration);
    }

    [FaultInjectionFact]
    public async Task Records_turned_away_or_dead_lettered_at_shutdown_end_their_spans_in_error()
    {
        CreateTopics();
        Kafka.SetBrokerDown(1); // nothing completes: the first record stays in flight
        using var spans = new SpanRecorder(Topic);
        using var metrics = new MetricsRecorder(Topic);
        var producer = StartProducer(Settings(("message.timeout.ms", "60000")).WithProducer(p => p.WithMaxInFlight(1)).WithIntakeBufferSize(2)
            .WithCloseTimeout(TimeSpan.FromMilliseconds(300)));
        producer.Tell(Produce(Envelope(0)), TestActor);
        AwaitAssert(() => Assert.Equal(1, metrics.Gauge(KafkaActorsMetrics.InFlight)), TimeSpan.FromSeconds(10));
        for (var id = 1; id < 10; id++) producer.Tell(Produce(Envelope(id)), TestActor);
        ReceiveN(7, TimeSpan.FromSeconds(5)).Cast<ProduceRejected<string, string, int>>().ToList();

        await StopGracefully(producer);

        var sends = spans.Sends(Topic);
        Assert.Equal(10, sends.Count);
        Assert.All(sends, s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        Assert.Equal(7, sends.Count(s => (string?)s.GetTagItem("error.type") == "rejected" && s.StatusDescription!.Contains("intake is full")));
        Assert.Equal(3, sends.Count(s => (string?)s.GetTagItem("kafka_actors.dead_letter.cause") == "Shutdown"));
    }

    // What a consumer does: extract the context with the standard propagator and start its span as a child.
    private static ActivityContext Continue(Headers headers, out IEnumerable<KeyValuePair<string, string?>> baggage)
    {
        var propagator = DistributedContextPropagator.Current;
        DistributedContextPropagator.PropagatorGetterCallback get = (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((Headers)carrier!).TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        };
        propagator.ExtractTraceIdAndState(headers, get, out var traceParent, out var traceState);
        baggage = propagator.ExtractBaggage(headers, get) ?? [];
        Assert.True(ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context), $"traceparent '{traceParent}' does not parse");
        return context;
    }
}
