using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Cluster.Benchmarking;

/// <summary>Throughput of the same records through the single-node producer actor and through a 2-node cluster.</summary>
public sealed record ClusterBenchmarkResult(int Records, TimeSpan SingleNodeElapsed, TimeSpan ClusterElapsed)
{
    public double SingleNodePerSecond => Records / SingleNodeElapsed.TotalSeconds;

    public double ClusterPerSecond => Records / ClusterElapsed.TotalSeconds;

    /// <summary>Cluster throughput as a fraction of single-node throughput.</summary>
    public double Ratio => ClusterPerSecond / SingleNodePerSecond;

    public override string ToString() =>
        $"{Records:N0} records: single node {SingleNodePerSecond:N0} msg/s, 2-node cluster (submit on A, produce on B) {ClusterPerSecond:N0} msg/s, ratio {Ratio:P0}";
}

/// <summary>
/// The cluster benchmark, callable from the CLI or a test: the same keyed records (about 100 bytes each,
/// at most <c>window</c> unanswered) go once through a local <see cref="KafkaProducerActor"/> and once from
/// node A through a <see cref="ClusterProducerFrontDoor"/> to the producer on node B, over Akka.Remote on
/// 127.0.0.1. Both runs use the same broker and topic; create the topic before calling.
/// </summary>
public static class ClusterBenchmark
{
    public static async Task<ClusterBenchmarkResult> RunAsync(string bootstrapServers, string topic, int records = 100_000, int window = 5_000,
        Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bootstrapServers);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (records <= 0) throw new ArgumentOutOfRangeException(nameof(records), records, "Give at least one record.");
        log ??= _ => { };
        ProducerEnvelope<string, string, long> Record(long i) => ProducerEnvelope.Create(topic, $"key-{i % 1000:D4}", $"value-{i:D12}-{Padding}", i);

        var single = await SingleNode(bootstrapServers, Record, records, window);
        log($"single node: {records:N0} records in {single.TotalSeconds:F2} s");
        var cluster = await TwoNodes(bootstrapServers, Record, records, window);
        log($"2-node cluster: {records:N0} records in {cluster.TotalSeconds:F2} s");
        return new ClusterBenchmarkResult(records, single, cluster);
    }

    private static readonly string Padding = new('x', 64);

    private static async Task<TimeSpan> SingleNode(string bootstrapServers, Func<long, ProducerEnvelope<string, string, long>> record, int records, int window)
    {
        var config = ConfigurationFactory.ParseString($"akka.loglevel = WARNING\nkafka-actors.producer.kafka-clients.bootstrap.servers = \"{bootstrapServers}\"\nkafka-actors.actor.intake-buffer-size = {Math.Max(window, 10_000)}");
        var system = ActorSystem.Create("kafka-actors-bench-single", config);
        try
        {
            var producer = system.ActorOf(KafkaProducerActor.Props<string, string, long>(ProducerActorSettings<string, string>.Create(system)));
            return (await Drive(system, producer, record, records, window)).Elapsed;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<TimeSpan> TwoNodes(string bootstrapServers, Func<long, ProducerEnvelope<string, string, long>> record, int records, int window)
    {
        var extra = $"kafka-actors.actor.intake-buffer-size = {Math.Max(window, 10_000)}\nkafka-actors.cluster.submitter.max-pending = {Math.Max(window, 10_000)}";
        var producerNode = InProcessNode.Start("kafka-actors-bench", InProcessNode.ConfigFor(bootstrapServers, ["kafka-producer"], extra), seed: null);
        var submitterNode = InProcessNode.Start("kafka-actors-bench", InProcessNode.ConfigFor(bootstrapServers, [], extra), producerNode.Address);
        try
        {
            await Task.WhenAll(producerNode.Up(), submitterNode.Up());
            producerNode.StartProducers();
            var frontDoor = submitterNode.StartProducers().CreateFrontDoor<string, string, long>();
            return (await Drive(submitterNode.System, frontDoor, record, records, window)).Elapsed;
        }
        finally
        {
            await Task.WhenAll(submitterNode.Kill(), producerNode.Kill());
        }
    }

    private static async Task<DriveResult<string, string, long>> Drive(ActorSystem system, IActorRef producer,
        Func<long, ProducerEnvelope<string, string, long>> record, int records, int window)
    {
        var result = await RecordDriver<string, string, long>.Run(system, producer, record, records, window);
        if (result.Delivered != records)
            throw new InvalidOperationException($"Only {result.Delivered:N0} of {records:N0} records were delivered: {result.Replies.First(r => r is not DeliveryOutcome<string, string, long>.Delivered)}");
        return result;
    }
}
