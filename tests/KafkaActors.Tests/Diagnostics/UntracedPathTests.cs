using System.Diagnostics;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Diagnostics;

/// <summary>
/// With nobody listening to the KafkaActors source, a record's tracing hooks allocate nothing and cost a few
/// nanoseconds. Alone, because listeners are process-wide.
/// </summary>
[Collection(RunsAlone.Name)]
public class UntracedPathTests(ITestOutputHelper output)
{
    [Fact]
    public void Without_a_listener_the_tracing_hooks_allocate_nothing_and_write_no_header()
    {
        const int records = 1_000_000, distinct = 1_000; // a working set that stays in cache, as the record the actor just read
        Assert.False(KafkaActorsTracing.Source.HasListeners(), "another test left a listener on the KafkaActors source");
        var stats = new TopicStats("untraced");
        var envelopes = Enumerable.Range(0, distinct).Select(i => ProducerEnvelope.Create("untraced", "k", "v", i)).ToArray();
        var produced = new Produced<string, string, int>(new DeliveryOutcome<string, string, int>.Delivered(
            envelopes[0], 1, new TopicPartitionOffset("untraced", 0, 0), Timestamp.Default, PersistenceStatus.Persisted));
        Hooks(envelopes, stats, produced); // JIT, caches

        // CPU time, not wall time: on a loaded machine the wall clock mostly measures waiting for a core.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < records / distinct; round++) Hooks(envelopes, stats, produced);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        output.WriteLine($"{cpu.TotalNanoseconds / records:F0} ns CPU per record for the start and end hooks, {allocated} bytes for {records:N0} records");
        Assert.Equal(0, allocated);
        Assert.All(envelopes, e => Assert.Empty(e.Message.Headers));
    }

    private static void Hooks(ProducerEnvelope<string, string, int>[] envelopes, TopicStats stats, Produced<string, string, int> produced)
    {
        var acceptedAt = Stopwatch.GetTimestamp();
        foreach (var envelope in envelopes)
        {
            var span = RecordTelemetry.Start(envelope, stats);
            RecordTelemetry.Delivered(span, stats, acceptedAt, produced);
        }
    }
}
