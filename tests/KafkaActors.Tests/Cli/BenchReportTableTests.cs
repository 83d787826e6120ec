using KafkaActors.Cli;
using KafkaActors.Cli.Bench;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class BenchReportTableTests
{
    [Fact]
    public void A_ratio_that_misses_its_bar_by_less_than_the_second_decimal_is_shown_with_the_decimals_that_tell_them_apart()
    {
        var bar = new BenchBar(0.9, MaxCpuRatio: 1.25, MaxBytesRatio: 1.3);
        var targets = new List<BenchTarget>
        {
            new("raw", "the baseline", 1_000_000, _ => throw new InvalidOperationException("not run")),
            new("flow", "0.8999x raw's best, 1.25x its CPU exactly", 1_000_000, _ => throw new InvalidOperationException("not run"), Bar: bar),
            new("actor", "0.85x raw's best, 1.2512x its CPU", 1_000_000, _ => throw new InvalidOperationException("not run"), Bar: bar),
        };
        var runs = new List<RunMeasurement>
        {
            new("raw", 1, 1_000_000, ElapsedSeconds: 1.0, CpuSeconds: 1.0, AllocatedBytes: 480_000_000, KeyOrderViolations: 0),
            new("flow", 1, 1_000_000, ElapsedSeconds: 1 / 0.8999, CpuSeconds: 1.25, AllocatedBytes: 556_000_000, KeyOrderViolations: 0),
            new("actor", 1, 1_000_000, ElapsedSeconds: 1 / 0.85, CpuSeconds: 1.2512, AllocatedBytes: 600_000_000, KeyOrderViolations: 0),
        };
        var report = BenchReport.Summarize(new BenchWorkload(1_000_000, 100), keyedMessages: 0, rounds: 1, targets, runs);
        var output = new StringWriter();

        BenchReportRenderer.WriteTable(new CliConsole(TextReader.Null, output, TextWriter.Null, true, true, () => Stream.Null, () => Stream.Null), report);

        var rows = output.ToString().Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToDictionary(l => l.Split('|')[1].Trim());
        // 0.8999 would show as the bar's 0.90 (and 0.900) beside "NOT met": four decimals; 1.25 is the bar exactly and meets it.
        Assert.Matches(@"\| +0\.8999x raw \| +1\.25 \| +1\.25x \| +556 \| +1\.16x \| NOT met", rows["flow"]);
        // 0.85 meets its bar exactly: two decimals; 1.2512 misses it in the third: 1.251x.
        Assert.Matches(@"\| +0\.85x raw \| +1\.25 \| +1\.251x \| +600 \| +1\.25x \| NOT met", rows["actor"]);
    }
}
