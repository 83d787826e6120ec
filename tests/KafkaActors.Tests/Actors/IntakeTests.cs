using Akka;
using KafkaActors.Tests.Support;
using Xunit;
using DeadLetteredRecord = KafkaActors.DeadLettered<string, string, int>;
using Rejected = KafkaActors.ProduceRejected<string, string, int>;

namespace KafkaActors.Tests.Actors;

/// <summary>The producer actor's intake is bounded: beyond it, Produce is refused at once rather than queued.</summary>
public class IntakeTests : ProducerActorSpec
{
    [FaultInjectionFact]
    public async Task A_full_intake_answers_ProduceRejected_at_once_and_every_accepted_record_still_gets_its_outcome()
    {
        CreateTopics();
        Kafka.SetBrokerDown(1); // nothing completes: a record in flight stays there
        using var metrics = new MetricsRecorder(Topic);
        var notified = new OutcomeLog();
        var producer = StartProducer(Settings(("message.timeout.ms", "60000")).WithProducer(p => p.WithMaxInFlight(1)).WithIntakeBufferSize(2)
            .WithCloseTimeout(TimeSpan.FromMilliseconds(300)), notified);

        producer.Tell(Produce(Envelope(0)), TestActor);
        AwaitAssert(() => Assert.Equal(1, metrics.Gauge(KafkaActorsMetrics.InFlight)), TimeSpan.FromSeconds(10));
        for (var id = 1; id < 10; id++) producer.Tell(Produce(Envelope(id)), TestActor);

        // Record 0 fills the producer stage (max-in-flight 1), records 1 and 2 the intake; 3..9 are refused.
        var rejected = ReceiveN(7, TimeSpan.FromSeconds(5)).Cast<Rejected>().ToList();
        Assert.Equal(Enumerable.Range(3, 7), rejected.Select(r => r.Envelope.Context));
        Assert.All(rejected, r => Assert.Contains("intake is full", r.Reason));
        Assert.Equal(7, metrics.Count(KafkaActorsMetrics.Rejected));
        Assert.Equal(3, metrics.Count(KafkaActorsMetrics.Accepted));
        Assert.Equal(0, notified.TerminalCount);

        await StopGracefully(producer, notified, expectedTerminal: 3);

        Assert.Equal([0, 1, 2], notified.TerminalIds.Order());
        Assert.All(notified.DeadLettered, d => Assert.Equal(DeadLetterCause.Shutdown, d.Cause));
        Assert.Equal(3, ReceiveN(3).Cast<DeadLetteredRecord>().Count()); // and each sender got its one reply
    }

    [FaultInjectionFact]
    public void A_draining_producer_rejects_new_records()
    {
        CreateTopics();
        Kafka.SetBrokerDown(1);
        var producer = StartProducer(Settings(("message.timeout.ms", "60000")).WithCloseTimeout(TimeSpan.FromMilliseconds(300)));
        producer.Tell(Produce(Envelope(1)), TestActor); // cannot complete: keeps the producer draining until close-timeout
        producer.Tell(StopProducing.Instance, TestActor);
        producer.Tell(Produce(Envelope(2)), TestActor);

        var rejected = ExpectMsg<Rejected>();
        Assert.Equal(2, rejected.Envelope.Context);
        Assert.Contains("shutting down", rejected.Reason);
        var deadLettered = ExpectMsg<DeadLetteredRecord>(TimeSpan.FromSeconds(30));
        Assert.Equal((1, DeadLetterCause.Shutdown), (deadLettered.Envelope.Context, deadLettered.Cause));
        ExpectMsg<Done>();
    }
}
