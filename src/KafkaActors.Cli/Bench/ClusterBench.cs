using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Cluster;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <c>kafka-actors bench --cluster</c>: the same records (about 100 bytes, over <c>keys</c> keys or none,
/// at most <c>window</c> unanswered) once through a local <see cref="KafkaProducerActor"/> and once from node A
/// through a <see cref="ClusterProducerFrontDoor"/> to the producer on node B, two in-process nodes over
/// Akka.Remote on 127.0.0.1; rounds interleaved, a fresh topic per run, one embedded broker.
/// </summary>
internal static class ClusterBench
{
    private static readonly string Padding = new('x', 64);

    /// <param name="keys">Distinct keys, round robin; 0: records without a key.</param>
    public static async Task<ClusterBenchReport> RunAsync(EmbeddedKafka kafka, int records, int window, int rounds, int keys, Action<string> log, CancellationToken ct)
    {
        ProducerEnvelope<string, string, int> Record(string topic, int i) =>
            ProducerEnvelope.Create(topic, keys == 0 ? null! : $"key-{i % keys:D4}", $"value-{i:D12}-{Padding}", i);
        var single = new List<double>();
        var cluster = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            single.Add(await Measure(kafka, $"cluster-bench-single-{round}", records, ct, topic => SingleNode(kafka.BootstrapServers, topic, Record, records, window, ct)));
            log($"round {round} single node: {single[^1]:N0} records/s");
            using var frames = new FrameStats();
            cluster.Add(await Measure(kafka, $"cluster-bench-two-{round}", records, ct, topic => TwoNodes(kafka.BootstrapServers, topic, Record, records, window, ct)));
            log($"round {round} 2-node cluster: {cluster[^1]:N0} records/s; {frames}");
        }
        return new ClusterBenchReport(records, keys, window, rounds, Median(single), Median(cluster), DateTimeOffset.Now);
    }

    private static async Task<double> Measure(EmbeddedKafka kafka, string topic, int records, CancellationToken ct, Func<string, Task<(DeliveryTally<string, string>, TimeSpan)>> run)
    {
        ct.ThrowIfCancellationRequested();
        kafka.CreateTopic(topic, BenchWorkload.Partitions);
        var (tally, elapsed) = await run(topic);
        if (tally.Count.Delivered != records)
            throw new InvalidOperationException($"{topic}: {tally.Count.Delivered:N0} of {records:N0} records delivered; first failure: {tally.FirstFailure}");
        return records / elapsed.TotalSeconds;
    }

    private static async Task<(DeliveryTally<string, string>, TimeSpan)> SingleNode(string bootstrapServers, string topic, Func<string, int, ProducerEnvelope<string, string, int>> record,
        int records, int window, CancellationToken ct)
    {
        var config = ConfigurationFactory.ParseString($"kafka-actors.producer.kafka-clients.bootstrap.servers = \"{bootstrapServers}\"\nkafka-actors.actor.intake-buffer-size = {Math.Max(window, 10_000)}")
            .WithFallback(StandardErrorLogger.Hocon);
        var system = ActorSystem.Create("kafka-actors-cluster-bench-single", config);
        try
        {
            var producer = system.ActorOf(KafkaProducerActor.Props<string, string, int>(ProducerActorSettings<string, string>.Create(system)));
            await WarmUp(system, producer, topic, record, ct);
            return await Drive(system, producer, topic, record, records, window, ct);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<(DeliveryTally<string, string>, TimeSpan)> TwoNodes(string bootstrapServers, string topic, Func<string, int, ProducerEnvelope<string, string, int>> record,
        int records, int window, CancellationToken ct)
    {
        await using var producerNode = await ClusterBenchNode.StartAsync(bootstrapServers, produces: true, window, seed: null);
        await using var submitterNode = await ClusterBenchNode.StartAsync(bootstrapServers, produces: false, window, producerNode.Address);
        ClusterProducing.Start(producerNode.System);
        var frontDoor = ClusterProducing.Start(submitterNode.System).CreateFrontDoor<string, string, int>();
        await WarmUp(submitterNode.System, frontDoor, topic, record, ct);
        return await Drive(submitterNode.System, frontDoor, topic, record, records, window, ct);
    }

    /// <summary>
    /// One record through, not measured: the producer connects to the broker and, in the cluster, the
    /// sharding coordinator starts (a singleton on the oldest node) and places the first bucket.
    /// </summary>
    private static async Task WarmUp(ActorSystem system, IActorRef producer, string topic,
        Func<string, int, ProducerEnvelope<string, string, int>> record, CancellationToken ct)
    {
        var (tally, _) = await Drive(system, producer, topic, record, 1, 1, ct);
        if (tally.Count.Delivered != 1) throw new InvalidOperationException($"{topic}: the warm-up record was not delivered: {tally.FirstFailure}");
    }

    private static async Task<(DeliveryTally<string, string>, TimeSpan)> Drive(ActorSystem system, IActorRef producer, string topic,
        Func<string, int, ProducerEnvelope<string, string, int>> record, int records, int window, CancellationToken ct)
    {
        var tally = new DeliveryTally<string, string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        system.ActorOf(Props.Create(() => new RecordDriver<string, string>(producer, records,
            i => record(topic, i), tally, window, done)));
        await done.Task.WaitAsync(ct);
        return (tally, clock.Elapsed);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>Median records/s of each side and the cluster's fraction of the single node.</summary>
internal sealed record ClusterBenchReport(int Records, int Keys, int Window, int Rounds, double SingleNodePerSecond, double ClusterPerSecond, DateTimeOffset Date)
{
    public double Ratio => ClusterPerSecond / SingleNodePerSecond;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Records:N0} records ({(Keys == 0 ? "no key" : $"{Keys:N0} keys")}, {Window:N0} unanswered at most), {Rounds} interleaved round(s), medians, {Date:yyyy-MM-dd HH:mm zzz}:\n" +
        $"  single node, producer actor:                    {SingleNodePerSecond,10:N0} records/s\n" +
        $"  2-node cluster, submit on A, produce on B:      {ClusterPerSecond,10:N0} records/s  ({Ratio:0.00}x single node)");
}
