using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace KafkaActors.Cli.Bench;

/// <summary>The report as a table for people (plain text when redirected) or as JSON for machines.</summary>
internal static class BenchReportRenderer
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static void WriteJson(TextWriter output, BenchReport report) =>
        output.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport));

    public static void WriteTable(CliConsole console, BenchReport report)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
        if (console.IsOutputRedirected) ansi.Profile.Width = 200; // no wrapping in files and pipes

        var table = new Table()
            .Border(console.IsOutputRedirected ? TableBorder.Ascii : TableBorder.Rounded)
            .AddColumn("path")
            .AddColumn("msgs/s best", c => c.RightAligned())
            .AddColumn("median", c => c.RightAligned())
            .AddColumn("vs (best)", c => c.RightAligned())
            .AddColumn("CPU us/msg", c => c.RightAligned())
            .AddColumn("vs", c => c.RightAligned())
            .AddColumn("bytes/msg", c => c.RightAligned())
            .AddColumn("vs", c => c.RightAligned())
            .AddColumn("bar");
        foreach (var t in report.Targets)
        {
            var self = t.Baseline == t.Name;
            table.AddRow(
                Markup.Escape(t.Name),
                t.BestMessagesPerSecond.ToString("N0", Numbers),
                t.MedianMessagesPerSecond.ToString("N0", Numbers),
                self ? "" : Markup.Escape($"{Ratio(t.BestRatio, t.Limits?.MinBestRatio)} {t.Baseline}"),
                t.CpuMicrosPerMessage.ToString("N2", Numbers),
                self ? "" : Ratio(t.CpuRatio, t.Limits?.MaxCpuRatio),
                t.BytesPerMessage.ToString("N0", Numbers),
                self ? "" : Ratio(t.AllocationRatio, t.Limits?.MaxBytesRatio),
                Markup.Escape(t.Bar is null ? "" : $"{(t.MeetsBar == true ? "met" : "NOT met")} ({t.Bar})"));
        }
        ansi.Write(table);

        foreach (var t in report.Targets) console.Out.WriteLine($"{t.Name}: {t.Description}");
        console.Out.WriteLine(string.Create(Numbers,
            $"{report.Messages:N0} x {report.MessageSize} B per unkeyed run, {report.KeyedMessages:N0} per keyed run (strict: at most 500 per key), " +
            $"{report.Partitions} partitions, fresh topic per run; {report.Rounds} interleaved round(s) after a warm-up; best round and median. " +
            $"{report.Date:yyyy-MM-dd HH:mm zzz}, {report.Machine}."));
        var violations = report.Targets.Sum(t => t.KeyOrderViolations);
        console.Out.WriteLine(string.Create(Numbers, $"key order violations counted (kafka_actors.key_order_violations): {violations:N0}"));
    }

    /// <summary>One line per run as it finishes, for stderr: the benchmark takes a while.</summary>
    public static string DescribeRun(RunMeasurement run) =>
        string.Create(Numbers,
            $"{(run.Round == BenchRunner.WarmUpRound ? "warm-up" : $"round {run.Round}")} {run.Target}: " +
            $"{run.MessagesPerSecond:N0} msgs/s, {run.ElapsedSeconds:N2} s, {run.CpuSeconds:N2} s CPU ({run.CpuMicrosPerMessage:N2} us/msg), {run.BytesPerMessage:N0} B/msg");

    // Two decimals, unless they would show a ratio beside its bar as the bar itself (0.89995 as "0.90x" beside
    // "NOT met (>= 0.90x best"): then as many more as it takes to tell them apart.
    private static string Ratio(double ratio, double? limit)
    {
        for (var decimals = 2; ; decimals++)
        {
            var shown = ratio.ToString("F" + decimals, Numbers);
            if (limit is not { } bar || ratio == bar || decimals == 6 || shown != bar.ToString("F" + decimals, Numbers)) return shown + "x";
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(ClusterBenchReport))]
[JsonSerializable(typeof(SoakReport))]
[JsonSerializable(typeof(LatencyReport))]
[JsonSerializable(typeof(ProcessClusterBenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
