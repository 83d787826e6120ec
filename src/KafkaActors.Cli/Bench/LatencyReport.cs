using System.Globalization;

namespace KafkaActors.Cli.Bench;

/// <summary>Latency at one fixed rate: per path the median over rounds of each round's p50 and p99, and what each path adds to raw's p99 (a bar for flow and actor).</summary>
internal sealed record LatencyReport(DateTimeOffset Date, double RecordsPerSecond, bool HalfRawBest, int RecordsPerRun, int Rounds,
    IReadOnlyList<LatencyRow> Paths)
{
    public static LatencyReport Summarize(DateTimeOffset date, double rate, bool halfRawBest, int count, int rounds,
        IReadOnlyDictionary<string, List<(double P50, double P99)>> results, IReadOnlyDictionary<string, long> refused)
    {
        var rawP99 = BenchReport.Median(results["raw"].Select(r => r.P99));
        var rows = results.Select(r =>
        {
            var p99 = BenchReport.Median(r.Value.Select(x => x.P99));
            var added = p99 - rawP99;
            return new LatencyRow(r.Key, BenchReport.Median(r.Value.Select(x => x.P50)), p99, added,
                LatencyBench.BarredPaths.Contains(r.Key) ? added <= LatencyBench.AddedP99BarMs : null, r.Value.Select(x => x.P99).ToList(), refused.GetValueOrDefault(r.Key));
        }).ToList();
        return new LatencyReport(date, rate, halfRawBest, count, rounds, rows);
    }

    public override string ToString() =>
        FormattableString.Invariant($"latency {Date:yyyy-MM-dd HH:mm zzz}: {RecordsPerSecond:N0} records/s{(HalfRawBest ? " (half the raw best)" : "")}, {RecordsPerRun:N0} records per run, {Rounds} interleaved round(s) after a warm-up, medians over rounds") +
        string.Concat(Paths.Select(p =>
            FormattableString.Invariant($"\n{p.Name,-11} p50 {p.P50Ms,8:N2} ms  p99 {p.P99Ms,8:N2} ms  added p99 {p.AddedP99Ms,7:N2} ms") +
            (p.MeetsBar is { } met ? FormattableString.Invariant($"  bar <= {LatencyBench.AddedP99BarMs:0.0} ms: {(met ? "met" : "NOT met")}") : "") +
            (p.Refused > 0 ? FormattableString.Invariant($"  (did not keep up: {p.Refused:N0} hand-overs refused and made again)") : "")));
}

/// <param name="Refused">Hand-overs refused (raw: librdkafka's queue full; actor: intake full) and made again: the path did not keep up with the rate.</param>
internal sealed record LatencyRow(string Name, double P50Ms, double P99Ms, double AddedP99Ms, bool? MeetsBar, IReadOnlyList<double> P99PerRound, long Refused);
