using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Streams;

public class ProducerFlowDeliveryTests : ProducerFlowSpec
{
    public ProducerFlowDeliveryTests() : base(brokers: 3) { }

    [Fact]
    public async Task Delivered_metadata_matches_what_a_consumer_reads_back_and_the_envelope_is_the_same_instance()
    {
        Kafka.CreateTopic("orders", partitions: 3, replicationFactor: 3);
        var envelopes = Envelopes("orders", 300);

        var outcomes = await Run(envelopes, Settings());

        var delivered = outcomes.Cast<DeliveryOutcome<string, string, int>.Delivered>().ToList();
        Assert.Equal(300, delivered.Count);
        Assert.All(delivered, d => Assert.Same(envelopes[d.Envelope.Context], d.Envelope));
        Assert.All(delivered, d => Assert.Equal(1, d.Attempt));
        Assert.All(delivered, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));

        var read = TestConsumer.ReadAll(Kafka.BootstrapServers, "orders", 300, TimeSpan.FromSeconds(60))
            .ToDictionary(r => r.TopicPartitionOffset);
        foreach (var d in delivered)
        {
            var record = read[d.TopicPartitionOffset];
            Assert.Equal(d.Envelope.Message.Key, record.Message.Key);
            Assert.Equal(d.Envelope.Message.Value, record.Message.Value);
        }
    }

    [Fact]
    public async Task Completion_waits_for_every_outstanding_outcome_even_with_a_long_linger()
    {
        Kafka.CreateTopic("slow-batches");
        var envelopes = Envelopes("slow-batches", 500);

        var outcomes = await Run(envelopes, Settings(("linger.ms", "1000")));

        Assert.Equal(500, outcomes.Count);
        Assert.Equal(envelopes.Select(e => e.Context).Order(), outcomes.Select(o => o.Envelope.Context).Order());
    }

    [Fact]
    public async Task Ordered_mode_emits_outcomes_in_submission_order_even_when_some_fail_at_once()
    {
        Kafka.CreateTopic("ordered");
        // Every 50th record is too large: it fails synchronously, long before its neighbours are acknowledged.
        var envelopes = Enumerable.Range(0, 1000)
            .Select(i => Envelope("ordered", i, i % 50 == 0 ? new string('x', 2_000) : null)).ToList();

        var outcomes = await Run(envelopes, Settings(("message.max.bytes", "1500")).WithOrdered(true));

        Assert.Equal(Enumerable.Range(0, 1000), outcomes.Select(o => o.Envelope.Context));
        Assert.Equal(20, outcomes.OfType<DeliveryOutcome<string, string, int>.Failed>().Count());
    }

    [Fact]
    public async Task A_shared_producer_is_used_and_left_open_for_its_owner()
    {
        Kafka.CreateTopic("shared");
        using var shared = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers }).Build();
        var outcomes = await Run(Envelopes("shared", 10), Settings(), shared);

        Assert.All(outcomes, o => Assert.IsType<DeliveryOutcome<string, string, int>.Delivered>(o));
        var afterwards = await shared.ProduceAsync("shared", new Message<string, string> { Key = "k", Value = "still open" });
        Assert.Equal(PersistenceStatus.Persisted, afterwards.Status);
    }

    [Fact]
    public async Task A_producer_the_native_way_does_not_suit_is_served_by_Confluent_and_delivers_every_record()
    {
        Kafka.CreateTopic("log-queue", partitions: 3);
        var envelopes = Envelopes("log-queue", 2_000);

        // log.queue puts the client's logs on its main queue, which only Confluent's Poll serves as it must.
        var outcomes = await Run(envelopes, Settings(("log.queue", "true")));

        Assert.Equal(2_000, outcomes.OfType<DeliveryOutcome<string, string, int>.Delivered>().Count());
        Assert.Equal(envelopes.Select(e => e.Context).Order(), outcomes.Select(o => o.Envelope.Context).Order());
    }

    [Fact]
    public async Task Queue_full_is_backpressure_not_failure()
    {
        Kafka.CreateTopic("tiny-queue", partitions: 3);
        var envelopes = Enumerable.Range(0, 100_000).Select(i => Envelope("tiny-queue", i));

        var outcomes = await Run(envelopes, Settings(("queue.buffering.max.messages", "10"), ("linger.ms", "0")));

        Assert.Equal(100_000, outcomes.Count);
        Assert.Empty(outcomes.OfType<DeliveryOutcome<string, string, int>.Failed>());
    }

    [Fact]
    public async Task A_slow_downstream_keeps_the_records_inside_the_flow_bounded()
    {
        Kafka.CreateTopic("slow-consumer", partitions: 4);
        const int total = 1_000_000, maxInFlight = 5_000;
        long pulled = 0, emitted = 0, maxInside = 0, maxManagedBytes = 0;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        // Envelopes are made on demand, so anything that piles up would be inside the flow.
        var count = await Source.From(Enumerable.Range(0, total))
            .Select(i => { Interlocked.Increment(ref pulled); return Envelope("slow-consumer", i); })
            .Via(KafkaProducerFlow.Create<string, string, int>(Settings().WithMaxInFlight(maxInFlight)))
            .Throttle(250_000, TimeSpan.FromSeconds(1), 10_000, ThrottleMode.Shaping)
            .Select(o =>
            {
                var inside = Interlocked.Read(ref pulled) - Interlocked.Increment(ref emitted);
                if (inside > maxInside) maxInside = inside;
                if (emitted % 100_000 == 0) maxManagedBytes = Math.Max(maxManagedBytes, GC.GetTotalMemory(false) - baseline);
                return o;
            })
            .RunWith(Sink.Aggregate<DeliveryOutcome<string, string, int>, int>(0, (n, _) => n + 1), Sys.Materializer());

        Assert.Equal(total, count);
        // max-in-flight, plus the small element buffers between stages (Throttle's burst among them).
        Assert.InRange(maxInside, 1, maxInFlight + 10_000 + 64);
        Assert.InRange(maxManagedBytes, 0, 256L * 1024 * 1024);
    }
}
