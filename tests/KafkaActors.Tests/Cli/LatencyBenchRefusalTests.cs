using Akka.Streams;
using Confluent.Kafka;
using KafkaActors.Cli.Bench;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// The latency bench's actor path when the actor cannot take records as fast as they come: every record still comes back
/// once, and a refused record goes again as room is made, so refusals stay in proportion to the records (re-sending every
/// refused record each millisecond made millions of refusals for 1.8 M records and took the CPU the actor needed).
/// </summary>
public class LatencyBenchRefusalTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Records = 20_000;

    private readonly ITestOutputHelper _output;

    public LatencyBenchRefusalTests(ITestOutputHelper output) : base(output: output) => _output = output;

    [Fact]
    public async Task An_actor_path_that_falls_behind_gets_every_record_back_with_refusals_in_proportion_to_the_records()
    {
        using var kafka = EmbeddedKafka.Start();
        var topic = TestTopic.NewName(nameof(LatencyBenchRefusalTests));
        kafka.CreateTopic(topic, BenchWorkload.Partitions);
        var settings = ProducerPipelineSettings<Null, byte[]>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);
        var environment = new BenchEnvironment(new BenchWorkload(Records, 16), settings, Sys, Sys.Materializer());
        // Every record is due at once, into an intake of 8: nearly all are refused at first.
        var clock = new PacedLatency(Records, rate: 1e12);

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await LatencyBench.Actor(environment, topic, PacedLatency.NumberedValues(Records, 16), clock, intakeBufferSize: 8)
            .WaitAsync(TimeSpan.FromMinutes(2));

        _output.WriteLine($"{clock.Rejected:N0} refusals for {Records:N0} records");
        // Actor() returns once every record is back (each Back is counted once per record number).
        Assert.True(clock.AllBack.IsCompletedSuccessfully);
        Assert.True(clock.Rejected > 0, "the intake of 8 refused nothing: the test did not make the actor fall behind");
        // Every record is refused at most once on arrival; after that only what the reply actor sends again can be refused:
        // two per answer (one answer per record) and one per millisecond tick. The old way, every refused record again
        // each millisecond, made 135,237 refusals here (2026-12-03).
        var bound = 3L * Records + (long)elapsed.Elapsed.TotalMilliseconds;
        Assert.True(clock.Rejected <= bound, $"{clock.Rejected:N0} refusals for {Records:N0} records (at most {bound:N0})");
    }
}
