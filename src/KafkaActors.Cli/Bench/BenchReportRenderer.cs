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

        var baseline = report.Targets[0].Name;
        var table = new Table()
            .Border(console.IsOutputRedirected ? TableBorder.Ascii : TableBorder.Rounded)
            .AddColumn("path")
            .AddColumn("msgs/s (median)", c => c.RightAligned())
            .AddColumn($"vs {baseline}", c => c.RightAligned())
            .AddColumn("CPU s", c => c.RightAligned())
            .AddColumn("bytes/msg", c => c.RightAligned())
            .AddColumn($"vs {baseline}", c => c.RightAligned());
        foreach (var t in report.Targets)
        {
            table.AddRow(
                Markup.Escape($"{t.Name}: {t.Description}"),
                t.MessagesPerSecond.ToString("N0", Numbers),
                Ratio(t.ThroughputRatio),
                t.CpuSeconds.ToString("N2", Numbers),
                t.BytesPerMessage.ToString("N0", Numbers),
                Ratio(t.AllocationRatio));
        }
        ansi.Write(table);

        var lines = new List<string>
        {
            string.Create(Numbers,
                $"{report.Messages:N0} x {report.MessageSize} B per run, {report.Partitions} partitions, fresh topic per run; " +
                $"{report.Rounds} interleaved round(s) after a warm-up; medians. {report.Date:yyyy-MM-dd HH:mm zzz}, {report.Machine}."),
        };
        lines.AddRange(report.Targets.Where(t => t.MeetsBar is not null).Select(t =>
            string.Create(Numbers,
                $"{t.Name}: bar is >= {BenchReport.ThroughputBar:0.00}x {baseline} throughput and <= {BenchReport.AllocationBar:0.00}x {baseline} bytes/msg: ") +
            (t.MeetsBar == true ? "met" : "NOT met")));
        foreach (var line in lines) console.Out.WriteLine(line);
    }

    /// <summary>One line per run as it finishes, for stderr: the benchmark takes a while.</summary>
    public static string DescribeRun(RunMeasurement run) =>
        string.Create(Numbers,
            $"{(run.Round == BenchRunner.WarmUpRound ? "warm-up" : $"round {run.Round}")} {run.Target}: " +
            $"{run.MessagesPerSecond:N0} msgs/s, {run.ElapsedSeconds:N2} s, {run.CpuSeconds:N2} s CPU, {run.BytesPerMessage:N0} B/msg");

    private static string Ratio(double ratio) => ratio.ToString("0.00", Numbers) + "x";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(ClusterBenchReport))]
[JsonSerializable(typeof(ProcessClusterBenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
