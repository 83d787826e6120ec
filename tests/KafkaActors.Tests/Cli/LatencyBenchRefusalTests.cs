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
    private readonly ITestOutputHelper _output;

    public LatencyBenchRefusalTests(ITestOutputHelper output) : base(output: output) => _output = output;

    private const int Records = 20_000;

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

        await LatencyBench.Actor(environment, topic, PacedLatency.NumberedValues(Records, 16), clock, intakeBufferSize: 8)
            .WaitAsync(TimeSpan.FromMinutes(2));

        _output.WriteLine($"{clock.Rejected:N0} refusals for {Records:N0} records");
        // Actor() returns once every record is back (each Back is counted once per record number).
        Assert.True(clock.AllBack.IsCompletedSuccessfully);
        Assert.True(clock.Rejected > 0, "the intake of 8 refused nothing: the test did not make the actor fall behind");
        // Each answer sends at most two refused records again, so refusals beyond the first wave are bounded by the
        // answers, plus one per millisecond tick in which no answer came.
        Assert.True(clock.Rejected <= 4L * Records, $"{clock.Rejected:N0} refusals for {Records:N0} records");
    }
}
