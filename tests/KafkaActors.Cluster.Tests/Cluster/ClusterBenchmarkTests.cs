using KafkaActors.Cli.Bench;
using KafkaActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Cluster;

public class ClusterBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_cluster_bench_delivers_every_record_on_both_sides_and_reports_throughput_and_ratio()
    {
        var records = int.TryParse(Environment.GetEnvironmentVariable("KAFKA_ACTORS_CLUSTER_BENCH_RECORDS"), out var n) ? n : 20_000;
        using var kafka = EmbeddedKafka.Start();

        // RunAsync throws unless every record of every run was delivered.
        var report = await ClusterBench.RunAsync(kafka, records, window: 5_000, rounds: 1, keys: 1_000, output.WriteLine, CancellationToken.None);

        output.WriteLine(report.ToString());
        Assert.True(report.SingleNodePerSecond > 0 && report.ClusterPerSecond > 0);
    }

    [Fact]
    public async Task The_process_cluster_bench_delivers_every_record_through_node_processes_and_reports_cpu_per_record_on_each_node()
    {
        using var kafka = EmbeddedKafka.Start();

        // RunAsync throws unless every record of every run was delivered and every node left with exit code 0.
        var report = await ProcessClusterBench.RunAsync(kafka, 5_000, window: 1_000, rounds: 1, keys: 100, output.WriteLine, CancellationToken.None);

        output.WriteLine(report.ToString());
        Assert.True(report.OneNode.PerSecond > 0 && report.TwoNodes.PerSecond > 0);
        Assert.True(report.OneNode.SubmitterCpuMicros > 0 && report.TwoNodes.SubmitterCpuMicros > 0 && report.TwoNodes.ProducerCpuMicros > 0,
            "CPU is read from both node processes");
    }
}
