using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The benchmark's result: per row, the best round, the median round, CPU and bytes per message, and the
/// ratios to its baseline row (best round to best round; medians for CPU and bytes).
/// </summary>
internal sealed record BenchReport(
    DateTimeOffset Date,
    string Machine,
    int Messages,
    int KeyedMessages,
    int MessageSize,
    int Partitions,
    int Rounds,
    IReadOnlyList<TargetSummary> Targets)
{
    public static BenchReport Summarize(BenchWorkload workload, int keyedMessages, int rounds, IReadOnlyList<BenchTarget> targets,
        IReadOnlyList<RunMeasurement> runs)
    {
        var figures = targets.ToDictionary(t => t.Name, t => RowFigures.Of(runs.Where(r => r.Target == t.Name).ToList()));
        var summaries = targets.Select(t =>
        {
            var own = figures[t.Name];
            var baseline = figures[t.Baseline ?? targets[0].Name];
            var (best, cpu, bytes) = (own.Best / baseline.Best, own.CpuMicros / baseline.CpuMicros, own.Bytes / baseline.Bytes);
            return new TargetSummary(t.Name, t.Description, t.Messages, t.Baseline ?? targets[0].Name,
                own.Best, own.Median, own.CpuMicros, own.Bytes, best, own.Median / baseline.Median, cpu, bytes,
                own.Runs.Sum(r => r.KeyOrderViolations), own.Runs, t.Bar);
        }).ToList();
        return new BenchReport(DateTimeOffset.Now, DescribeMachine(), workload.Messages, keyedMessages, workload.MessageSize,
            BenchWorkload.Partitions, rounds, summaries);
    }

    private sealed record RowFigures(double Best, double Median, double CpuMicros, double Bytes, IReadOnlyList<RunMeasurement> Runs)
    {
        public static RowFigures Of(IReadOnlyList<RunMeasurement> runs) => new(
            runs.Max(r => r.MessagesPerSecond), BenchReport.Median(runs.Select(r => r.MessagesPerSecond)),
            BenchReport.Median(runs.Select(r => r.CpuMicrosPerMessage)), BenchReport.Median(runs.Select(r => r.BytesPerMessage)), runs);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string DescribeMachine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
}

/// <summary>
/// One row of the report. Ratios are to <see cref="Baseline"/> (1.0 for the baseline itself);
/// <see cref="Bar"/> and <see cref="MeetsBar"/> are null for rows without a bar; both follow from <see cref="Limits"/>, which
/// the table reads and the JSON shows as <see cref="Bar"/>'s text.
/// </summary>
internal sealed record TargetSummary(
    string Name,
    string Description,
    int Messages,
    string Baseline,
    double BestMessagesPerSecond,
    double MedianMessagesPerSecond,
    double CpuMicrosPerMessage,
    double BytesPerMessage,
    double BestRatio,
    double MedianRatio,
    double CpuRatio,
    double AllocationRatio,
    long KeyOrderViolations,
    IReadOnlyList<RunMeasurement> Runs,
    [property: JsonIgnore] BenchBar? Limits)
{
    public string? Bar => Limits?.ToString();

    public bool? MeetsBar => Limits?.IsMetBy(BestRatio, CpuRatio, AllocationRatio);
}
