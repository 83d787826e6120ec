using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using Xunit;
using Outcome = KafkaActors.DeliveryOutcome<string, string, int>;
using Record = KafkaActors.Submission<string, string, int>;

namespace KafkaActors.Tests.Retry;

/// <summary>The send gate between intake, the producer stage and the retry supervisor, driven by stream probes.</summary>
public class SendGateTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TopicStats Stats = new("gate");
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly SendGateHandle<string, string, int> _handle = new();
    private TestPublisher.Probe<Record> _intake = null!;
    private TestSubscriber.Probe<Record> _toProducer = null!;
    private TestPublisher.Probe<Record> _fromProducer = null!;
    private TestSubscriber.Probe<Record> _outcomes = null!;

    [Fact]
    public void A_retry_goes_out_before_new_intake()
    {
        Start(KeyOrderMode.Off);
        var (first, second) = (Record("a", 1), Record("b", 2));
        _outcomes.Request(10);
        _toProducer.Request(1);
        _intake.SendNext(first);
        _toProducer.ExpectNext(first);
        _intake.SendNext(second); // waits at the gate's door: the producer has no demand
        Fail(first);

        _handle.Resend(first);
        _toProducer.Request(1);
        _toProducer.ExpectNext(first);
        _toProducer.Request(1);
        _toProducer.ExpectNext(second);
    }

    [Fact]
    public void With_max_pending_retries_reached_intake_waits_until_a_retry_re_enters_or_is_released()
    {
        Start(KeyOrderMode.Off, maxPendingRetries: 1);
        var records = Enumerable.Range(0, 5).Select(id => Record($"k{id}", id)).ToList();
        _outcomes.Request(10);
        _toProducer.Request(10);
        _intake.SendNext(records[0]);
        _toProducer.ExpectNext(records[0]);
        Fail(records[0]);
        _intake.SendNext(records[1]);
        _toProducer.ExpectNext(records[1]); // asked for before the failure came back: one record of slack

        _intake.SendNext(records[2]);
        _toProducer.ExpectNoMsg(Quiet); // one record is with the supervisor: intake is not read
        _handle.Release(records[0]);
        _toProducer.ExpectNext(records[2]);

        Fail(records[1]);
        _intake.SendNext(records[3]);
        _toProducer.ExpectNext(records[3]);
        _intake.SendNext(records[4]);
        _toProducer.ExpectNoMsg(Quiet);
        _handle.Resend(records[1]);
        _toProducer.ExpectNext(records[1]);
        _toProducer.ExpectNext(records[4]);
    }

    [Fact]
    public void A_key_waits_behind_its_earlier_record_until_that_one_is_delivered_or_given_up_on()
    {
        Start(KeyOrderMode.Strict);
        var (a1, a2, b1, a3) = (Record("a", 1), Record("a", 2), Record("b", 3), Record("a", 4));
        _outcomes.Request(10);
        _toProducer.Request(10);
        foreach (var record in new[] { a1, a2, b1, a3 }) _intake.SendNext(record);
        _toProducer.ExpectNext(a1);
        _toProducer.ExpectNext(b1);
        _toProducer.ExpectNoMsg(Quiet);

        Fail(a1);
        _toProducer.ExpectNoMsg(Quiet); // a failed record keeps its key's lane while it waits for a retry
        _handle.Resend(a1);
        _toProducer.ExpectNext(a1);
        Deliver(a1);
        _toProducer.ExpectNext(a2);
        Fail(a2);
        _handle.Release(a2); // dead-lettered: the key moves on
        _toProducer.ExpectNext(a3);
    }

    [Fact]
    public void The_gate_completes_toward_the_producer_only_after_intake_ended_and_every_record_left()
    {
        Start(KeyOrderMode.Strict);
        var record = Record("a", 1);
        _outcomes.Request(10);
        _toProducer.Request(10);
        _intake.SendNext(record);
        _toProducer.ExpectNext(record);
        _intake.SendComplete();
        Fail(record);
        _toProducer.ExpectNoMsg(Quiet);

        _handle.Resend(record);
        _toProducer.ExpectNext(record);
        Deliver(record);
        _toProducer.ExpectComplete();
        _fromProducer.SendComplete();
        _outcomes.ExpectComplete();
    }

    private void Start(KeyOrderMode preserveKeyOrder, int maxPendingRetries = 100)
    {
        var settings = RetrySettings.Create(Sys).WithPreserveKeyOrder(preserveKeyOrder).WithMaxPendingRetries(maxPendingRetries);
        var gate = BidiFlow.FromGraph(new SendGate<string, string, int>(settings, _handle));
        // The producer stage's place is taken by a probe pair: what the gate sends, and outcomes the test emits.
        var producer = Flow.FromSinkAndSource(this.SinkProbe<Record>(), this.SourceProbe<Record>(), (sink, source) => (sink, source));
        var ((intake, (toProducer, fromProducer)), outcomes) = this.SourceProbe<Record>()
            .ViaMaterialized(gate.JoinMat(producer, (_, probes) => probes), (a, b) => (a, b))
            .ToMaterialized(this.SinkProbe<Record>(), (a, b) => (a, b))
            .Run(Sys.Materializer());
        (_intake, _toProducer, _fromProducer, _outcomes) = (intake, toProducer, fromProducer, outcomes);
    }

    private static Record Record(string key, int id) => new(ProducerEnvelope.Create("gate", key, $"v{id}", id), null, Stats, id);

    private void Fail(Record record) => Emit(record, new Outcome.Failed(record.Envelope, record.Attempt,
        new DeliveryError(ErrorCode.RequestTimedOut, "injected", FailureKind.Retriable, false, PersistenceStatus.NotPersisted)));

    private void Deliver(Record record) => Emit(record, new Outcome.Delivered(record.Envelope, record.Attempt,
        new TopicPartitionOffset("gate", 0, 0), Timestamp.Default, PersistenceStatus.Persisted));

    private void Emit(Record record, Outcome outcome)
    {
        record.Outcome = outcome;
        _fromProducer.SendNext(record);
        Assert.Same(outcome, _outcomes.ExpectNext().Outcome);
    }
}
