using System.Diagnostics;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// Runs the rows interleaved (a, b, a, b, ...) after one warm-up round, each run on a fresh topic,
/// and measures only the part where records are produced and their outcomes handled.
/// </summary>
internal sealed class BenchRunner(EmbeddedKafka kafka, IReadOnlyList<BenchTarget> targets, Action<RunMeasurement> onRun)
{
    /// <summary>The warm-up round: measured like the others (and reported as it goes), but not kept.</summary>
    public const int WarmUpRound = 0;

    public async Task<IReadOnlyList<RunMeasurement>> RunAsync(int rounds, CancellationToken ct)
    {
        var kept = new List<RunMeasurement>();
        for (var round = WarmUpRound; round <= rounds; round++)
        {
            foreach (var target in targets)
            {
                ct.ThrowIfCancellationRequested();
                var measurement = await MeasureAsync(target, round, ct);
                onRun(measurement);
                if (round != WarmUpRound) kept.Add(measurement);
            }
        }
        return kept;
    }

    private async Task<RunMeasurement> MeasureAsync(BenchTarget target, int round, CancellationToken ct)
    {
        var topic = $"bench-{target.Name}-{round}";
        kafka.CreateTopic(topic, BenchWorkload.Partitions);
        using var run = target.Prepare(topic);
        using var violations = new KeyOrderViolations(topic);

        GcActivity.StartClean();

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var count = await run.ExecuteAsync(ct);

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        if (count.Delivered != target.Messages)
            throw new InvalidOperationException(
                $"{target.Name} round {round}: {count.Delivered} of {target.Messages} records delivered, {count.Failed} failed; the numbers would mean nothing");
        return new RunMeasurement(target.Name, round, target.Messages, clock.Elapsed.TotalSeconds, cpu.TotalSeconds, allocated, violations.Count);
    }
}
