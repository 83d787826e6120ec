using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Retry;

/// <summary>With preserve-key-order = strict, each key's records land in submission order, whatever fails and is retried.</summary>
public class KeyOrderTests : ProducerActorSpec
{
    [FaultInjectionFact]
    public async Task For_every_key_delivered_offsets_follow_submission_order_under_injected_faults()
    {
        CreateTopics(partitions: 4);
        var notified = new OutcomeLog();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "2")]).WithRetry(r => r.WithMaxAttempts(50).WithPreserveKeyOrder(KeyOrderMode.Strict)), notified);
        var random = new Random(4);
        Kafka.PushProduceErrors(Enumerable.Range(0, 200).Select(_ => random.Next(3) == 0 ? ErrorCode.RequestTimedOut : ErrorCode.NoError).ToArray());

        for (var id = 0; id < 2000; id++) producer.Tell(Produce(Envelope(id, keys: 20)));
        await notified.WhenTerminal(2000).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Empty(notified.DeadLettered);
        Assert.Contains(notified.Delivered, d => d.Attempts > 1);
        Conservation.AssertKeyOrder(notified.Delivered);
    }

    [FaultInjectionFact]
    public async Task While_a_key_waits_for_its_retry_its_later_records_wait_and_other_keys_flow_on()
    {
        CreateTopics();
        var notified = new OutcomeLog();
        var failed = new RecordingListener();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")])
            .WithRetry(r => r.WithBackoff(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), 0).WithPreserveKeyOrder(KeyOrderMode.Strict)), notified, failed);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut);
        producer.Tell(Produce(ProducerEnvelope.Create(Topic, "a", "a1", 1)));
        await failed.Signalled.WaitAsync(TimeSpan.FromSeconds(30));

        producer.Tell(Produce(ProducerEnvelope.Create(Topic, "a", "a2", 2)));
        producer.Tell(Produce(ProducerEnvelope.Create<string, string, int>(Topic, null!, "no key", 3)));
        for (var id = 10; id < 15; id++) producer.Tell(Produce(ProducerEnvelope.Create(Topic, "b", $"b{id}", id)));
        await notified.WhenTerminal(6).WaitAsync(TimeSpan.FromSeconds(30));

        // Key b and the keyless record went by while a1 waited out its backoff, and a2 waited behind a1.
        Assert.Equal([3, 10, 11, 12, 13, 14], notified.TerminalIds.Order());
        await notified.WhenTerminal(8).WaitAsync(TimeSpan.FromSeconds(30));
        var a = notified.Delivered.Where(d => d.Envelope.Message.Key == "a").OrderBy(d => d.TopicPartitionOffset.Offset.Value).ToList();
        Assert.Equal(["a1", "a2"], a.Select(d => d.Envelope.Message.Value));
        Assert.Equal([2, 1], a.Select(d => d.Attempts));
    }
}
