using System.Text;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>Every per-record failure comes out as a Failed element with its envelope; the stream serves the next records.</summary>
public class ProducerFlowFailureTests : ProducerFlowSpec
{
    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge, FailureKind.Permanent)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, FailureKind.Permanent)]
    [InlineData(ErrorCode.RequestTimedOut, FailureKind.Retriable)]
    public void A_broker_error_fails_only_that_record_with_its_context_and_kind(ErrorCode injected, FailureKind kind)
    {
        Kafka.CreateTopic("faults");
        Kafka.CreateTopic("next");
        var settings = Settings(("retries", "0"), ("enable.idempotence", "false"), ("linger.ms", "0"));
        Materialize(settings);

        Kafka.PushProduceErrors(injected);
        Send(Envelope("faults", 1));
        var failed = Next<DeliveryOutcome<string, string, int>.Failed>(30);

        Assert.Equal(1, failed.Envelope.Context);
        Assert.Equal(injected, failed.Error.Code);
        Assert.Equal(kind, failed.Error.Kind);
        Assert.False(failed.Error.IsLocal);

        // librdkafka remembers an authorization failure for the topic until its next metadata refresh,
        // so the stream's health is shown on another topic.
        Send(Envelope("next", 2));
        var next = Next<DeliveryOutcome<string, string, int>.Delivered>(30);
        Assert.Equal(2, next.Envelope.Context);
    }

    [Fact]
    public void All_brokers_down_times_the_record_out_as_retriable_and_the_flow_delivers_after_recovery()
    {
        Kafka.CreateTopic("outage");
        Materialize(Settings(("message.timeout.ms", "2000"), ("linger.ms", "0")));
        Send(Envelope("outage", 0));
        Next<DeliveryOutcome<string, string, int>.Delivered>(30);

        Kafka.SetBrokerDown(1);
        Send(Envelope("outage", 1));
        var failed = Next<DeliveryOutcome<string, string, int>.Failed>(30);
        Assert.Equal(ErrorCode.Local_MsgTimedOut, failed.Error.Code);
        Assert.Equal(FailureKind.Retriable, failed.Error.Kind);
        Assert.True(failed.Error.IsLocal);
        Assert.Equal(1, failed.Envelope.Context);

        Kafka.SetBrokerUp(1);
        Send(Envelope("outage", 2));
        var delivered = Next<DeliveryOutcome<string, string, int>.Delivered>(30);
        Assert.Equal(2, delivered.Envelope.Context);
    }

    [Fact]
    public async Task An_oversize_record_among_a_thousand_good_ones_fails_alone_and_the_stream_completes()
    {
        Kafka.CreateTopic("mixed");
        var envelopes = Envelopes("mixed", 1000);
        envelopes[500] = Envelope("mixed", 500, new string('x', 20_000));

        var outcomes = await Run(envelopes, Settings(("message.max.bytes", "10000")));

        Assert.Equal(999, outcomes.OfType<DeliveryOutcome<string, string, int>.Delivered>().Count());
        var failed = Single(outcomes);
        Assert.Same(envelopes[500], failed.Envelope);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, failed.Error.Code);
        Assert.Equal(FailureKind.Permanent, failed.Error.Kind);
        Assert.IsType<ProduceException<string, string>>(failed.Error.Exception);
    }

    [Fact]
    public async Task A_serializer_that_throws_fails_that_record_as_permanent_with_the_cause()
    {
        Kafka.CreateTopic("serde");
        var settings = Settings().WithValueSerializer(new PickySerializer("poison"));
        var envelopes = Envelopes("serde", 100);
        envelopes[42] = Envelope("serde", 42, "poison");

        var outcomes = await Run(envelopes, settings);

        Assert.Equal(99, outcomes.OfType<DeliveryOutcome<string, string, int>.Delivered>().Count());
        var failed = Single(outcomes);
        Assert.Equal(42, failed.Envelope.Context);
        Assert.Equal(ErrorCode.Local_ValueSerialization, failed.Error.Code);
        Assert.Equal(FailureKind.Permanent, failed.Error.Kind);
        Assert.Contains("refuses to serialize", failed.Error.Reason);
    }

    [Fact]
    public void An_unknown_partition_fails_that_record_as_permanent()
    {
        Kafka.CreateTopic("two-partitions", partitions: 2);
        Materialize(Settings());
        Send(Envelope("two-partitions", 0)); // warms up the producer's metadata for the topic
        Next<DeliveryOutcome<string, string, int>.Delivered>(30);

        Send(ProducerEnvelope.Create("two-partitions", new Partition(7), "k", "v", 1));
        var failed = Next<DeliveryOutcome<string, string, int>.Failed>(30);

        Assert.Equal(ErrorCode.Local_UnknownPartition, failed.Error.Code);
        Assert.Equal(FailureKind.Permanent, failed.Error.Kind);
    }

    [Fact]
    public async Task A_fatal_idempotence_error_rebuilds_the_producer_and_later_records_are_delivered()
    {
        Materialize(Idempotent);
        FenceWithRecord("fenced", 1);

        // The next record goes through a new producer (the dead one would fail it with Local_Fatal).
        await AwaitAssertAsync(() =>
        {
            Send(Envelope("fenced", 2));
            Next<DeliveryOutcome<string, string, int>.Delivered>(10);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_shared_producer_that_dies_of_a_record_fails_that_record_as_producer_failed()
    {
        // The user's producer: its error handler is the user's, so the flow learns that it died only from the producer itself.
        using var shared = new ProducerBuilder<string, string>(Idempotent.Properties).Build();
        Materialize(Idempotent, shared);
        // The report's own error: nothing else told the flow.
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, FenceWithRecord("fenced-shared", 1).Error.Code);

        // The flow cannot replace a producer it does not own: later records fail the same way, each with its context.
        Send(Envelope("fenced-shared", 2));
        var later = Next<DeliveryOutcome<string, string, int>.Failed>(30);
        Assert.Equal(2, later.Envelope.Context);
        Assert.Equal(FailureKind.ProducerFailed, later.Error.Kind);
    }

    private ProducerPipelineSettings<string, string> Idempotent => Settings(("enable.idempotence", "true"), ("linger.ms", "0"));

    // One record delivered (the producer has a sequence), then the broker answers the next one with OutOfOrderSequenceNumber:
    // fatal for an idempotent producer, though the report's error does not say so. That record must fail as ProducerFailed.
    private DeliveryOutcome<string, string, int>.Failed FenceWithRecord(string topic, int context)
    {
        Kafka.CreateTopic(topic);
        Send(Envelope(topic, context - 1));
        Next<DeliveryOutcome<string, string, int>.Delivered>(30);

        Kafka.PushProduceErrors(ErrorCode.OutOfOrderSequenceNumber);
        Send(Envelope(topic, context));
        var failed = Next<DeliveryOutcome<string, string, int>.Failed>(30);
        Assert.Equal(context, failed.Envelope.Context);
        Assert.Equal(FailureKind.ProducerFailed, failed.Error.Kind);
        return failed;
    }

    private Akka.Streams.TestKit.TestSubscriber.Probe<DeliveryOutcome<string, string, int>>? _outcomes;
    private Akka.Actor.IActorRef? _intake;

    /// <summary>Runs the flow between an actor intake and a test probe, so each step can be observed.</summary>
    private void Materialize(ProducerPipelineSettings<string, string> settings, IProducer<string, string>? shared = null)
    {
        (_intake, _outcomes) = Source.ActorRef<ProducerEnvelope<string, string, int>>(1000, OverflowStrategy.Fail)
            .Via(KafkaProducerFlow.Create<string, string, int>(settings, shared))
            .ToMaterialized(Akka.Streams.TestKit.TestSink.SinkProbe<DeliveryOutcome<string, string, int>>(this), Keep.Both)
            .Run(Sys.Materializer());
        _outcomes.Request(long.MaxValue);
    }

    private void Send(ProducerEnvelope<string, string, int> envelope) => _intake!.Tell(envelope, Akka.Actor.ActorRefs.NoSender);

    private T Next<T>(int seconds) where T : DeliveryOutcome<string, string, int>
    {
        var next = _outcomes!.ExpectNext(TimeSpan.FromSeconds(seconds));
        return next as T ?? throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name}, got {next}");
    }

    private sealed class PickySerializer(string poison) : ISerializer<string>
    {
        public byte[] Serialize(string data, SerializationContext context) =>
            data == poison ? throw new InvalidDataException($"'{data}': this serializer refuses to serialize it") : Encoding.UTF8.GetBytes(data);
    }
}
