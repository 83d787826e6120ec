using KafkaActors.Cluster.Benchmarking;
using KafkaActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Cluster;

public class ClusterBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_benchmark_runs_both_sides_on_one_broker_and_reports_throughput_and_ratio()
    {
        var records = int.TryParse(Environment.GetEnvironmentVariable("KAFKA_ACTORS_CLUSTER_BENCH_RECORDS"), out var n) ? n : 20_000;
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("bench", 6);

        var result = await ClusterBenchmark.RunAsync(kafka.BootstrapServers, "bench", records, log: output.WriteLine);

        output.WriteLine(result.ToString());
        Assert.True(result.SingleNodePerSecond > 0 && result.ClusterPerSecond > 0);
        Assert.InRange(result.Ratio, 0.0, 10.0);
    }
}
