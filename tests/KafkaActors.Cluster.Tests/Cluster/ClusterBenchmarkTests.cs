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
}
