using System.Runtime.InteropServices;

namespace KafkaActors.Cli.Bench;

/// <summary>The benchmark's result: per row, medians over the kept runs and ratios to the baseline row.</summary>
internal sealed record BenchReport(
    DateTimeOffset Date,
    string Machine,
    int Messages,
    int MessageSize,
    int Partitions,
    int Rounds,
    IReadOnlyList<TargetSummary> Targets)
{
    /// <summary>The project's bar (ANCHORS.md): at least this fraction of the baseline's throughput...</summary>
    public const double ThroughputBar = 0.9;

    /// <summary>...with at most this multiple of the baseline's allocations per message.</summary>
    public const double AllocationBar = 1.4;

    public static BenchReport Summarize(BenchWorkload workload, int rounds, IReadOnlyList<BenchTarget> targets, IReadOnlyList<RunMeasurement> runs)
    {
        var medians = targets.Select(t =>
        {
            var own = runs.Where(r => r.Target == t.Name).ToList();
            return (Target: t, Runs: own,
                Throughput: Median(own.Select(r => r.MessagesPerSecond)),
                Cpu: Median(own.Select(r => r.CpuSeconds)),
                Bytes: Median(own.Select(r => r.BytesPerMessage)));
        }).ToList();
        var baseline = medians[0];
        var summaries = medians.Select((m, i) =>
        {
            var throughputRatio = m.Throughput / baseline.Throughput;
            var allocationRatio = m.Bytes / baseline.Bytes;
            bool? meetsBar = i == 0 ? null : throughputRatio >= ThroughputBar && allocationRatio <= AllocationBar;
            return new TargetSummary(m.Target.Name, m.Target.Description, m.Throughput, m.Cpu, m.Bytes,
                throughputRatio, allocationRatio, meetsBar, m.Runs);
        }).ToList();
        return new BenchReport(DateTimeOffset.Now, DescribeMachine(), workload.Messages, workload.MessageSize,
            BenchWorkload.Partitions, rounds, summaries);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string DescribeMachine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
}

/// <summary>One row of the report. Ratios are to the first (baseline) row; <see cref="MeetsBar"/> is null for the baseline.</summary>
internal sealed record TargetSummary(
    string Name,
    string Description,
    double MessagesPerSecond,
    double CpuSeconds,
    double BytesPerMessage,
    double ThroughputRatio,
    double AllocationRatio,
    bool? MeetsBar,
    IReadOnlyList<RunMeasurement> Runs);
