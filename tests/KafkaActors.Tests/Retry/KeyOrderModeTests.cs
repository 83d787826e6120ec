using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Retry;

/// <summary>
/// The three preserve-key-order modes under one fault schedule, read back from the topic: batches fail
/// while later batches holding the same keys are already on their way, which is the reorder each mode
/// treats differently. strict: none. on: each one counted (kafka_actors.key_order_violations). off: reorders.
/// </summary>
public class KeyOrderModeTests : ProducerActorSpec
{
    private const int Records = 3000;
    private const int Keys = 20;
    private readonly ITestOutputHelper _output;

    public KeyOrderModeTests(ITestOutputHelper output) : base(config: "akka.loglevel = WARNING", output: output) => _output = output;

    [FaultInjectionFact]
    public async Task Strict_lands_every_key_in_submission_order()
    {
        var (reorders, violations) = await RunSchedule(KeyOrderMode.Strict);

        Assert.Equal(0, reorders);
        Assert.Equal(0, violations);
    }

    [FaultInjectionFact]
    public async Task On_counts_every_reorder_it_could_not_prevent()
    {
        var (reorders, violations) = await RunSchedule(KeyOrderMode.On);

        Assert.Equal(reorders, violations);
        Assert.True(violations > 0, "the schedule should provoke at least one reorder that pipelining cannot prevent");
    }

    [FaultInjectionFact]
    public async Task Off_lets_retried_records_land_after_later_records_of_their_key()
    {
        var (reorders, violations) = await RunSchedule(KeyOrderMode.Off);

        Assert.True(reorders > 0, "a retried record should land after later records of its key");
        Assert.Equal(0, violations); // nothing watches the order when it is off
    }

    /// <summary>Runs the schedule; returns the reorders read back from the topic and the violations the producer counted.</summary>
    private async Task<(int Reorders, long Violations)> RunSchedule(KeyOrderMode mode)
    {
        CreateTopics(partitions: 2);
        using var metrics = new MetricsRecorder(Topic);
        var notified = new OutcomeLog();
        // Small batches: many requests, each holding a record or two of every key.
        var settings = Settings([.. SurfaceBrokerErrors, ("linger.ms", "5"), ("batch.num.messages", "25")])
            .WithRetry(r => r.WithPreserveKeyOrder(mode).WithMaxAttempts(50))
            .WithIntakeBufferSize(Records);
        var producer = StartProducer(settings, notified);
        Kafka.PushProduceErrors(Enumerable.Range(0, 200)
            .Select(i => (i % 5) switch { 1 => ErrorCode.RequestTimedOut, 3 => ErrorCode.NotEnoughReplicas, _ => ErrorCode.NoError }).ToArray());

        for (var id = 0; id < Records; id++) producer.Tell(Produce(Envelope(id, Keys)), Akka.Actor.ActorRefs.NoSender);
        await notified.WhenTerminal(Records).WaitAsync(TimeSpan.FromSeconds(120));

        Conservation.AssertExactlyOnce(notified, Records);
        Assert.Empty(notified.DeadLettered);
        var landed = TestConsumer.ReadToEnd<string, string>(Kafka.BootstrapServers, Topic, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, Records), landed.Select(IdOf).Order()); // each record once: no duplicates to blur the count
        var reorders = Reorders(landed);
        var violations = metrics.Count(KafkaActorsMetrics.KeyOrderViolations);
        _output.WriteLine($"{mode}: {Conservation.Summary(notified)}; reorders read back {reorders}, violations counted {violations}");
        return (reorders, violations);
    }

    // Per key, in offset order: a record whose id is below the highest id already on the topic landed after a later one.
    private static int Reorders(IEnumerable<ConsumeResult<string, string>> landed) =>
        landed.GroupBy(r => r.Message.Key)
            .Sum(key => key.OrderBy(r => r.Offset.Value).Aggregate((Highest: -1, Late: 0),
                (acc, r) => IdOf(r) < acc.Highest ? (acc.Highest, acc.Late + 1) : (IdOf(r), acc.Late)).Late);

    private static int IdOf(ConsumeResult<string, string> record) => int.Parse(record.Message.Value.AsSpan("value-".Length));
}
