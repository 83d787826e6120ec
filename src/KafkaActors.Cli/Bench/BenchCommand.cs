using System.CommandLine;
using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <c>kafka-actors bench</c>: the raw Confluent client and <see cref="KafkaProducerFlow"/> side by side,
/// on one embedded broker in this process, with the same client properties, interleaved.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var messages = CountOption.Create("--messages", "Records per run", 1_000_000, minimum: 1, "-n");
        var size = CountOption.Create("--size", "Value size of each record, in bytes", 100, minimum: 1);
        var runs = CountOption.Create("--runs", "Measured rounds (each runs every path once) after one warm-up round", 3, minimum: 1);
        var json = new Option<bool>("--json") { Description = "Write the report as JSON on stdout" };
        var keys = CountOption.Create("--keys", "With --cluster: distinct record keys; 0 sends records without a key", 1_000, minimum: 0);
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Instead: keyed records through the single-node producer actor vs two in-process cluster nodes " +
                          "(submit on A, produce on B), then a one-node cluster process vs two node processes (CPU per record on each); " +
                          $"-n defaults to {ClusterRecords:N0} here",
        };
        var command = new Command("bench",
            "Benchmark the raw Confluent producer against KafkaProducerFlow on an embedded broker: " +
            "median msgs/s, CPU seconds, bytes allocated per message, and the ratios to raw. Progress goes to stderr.")
        {
            messages,
            size,
            runs,
            json,
            cluster,
            keys,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(cluster))
            {
                var records = parse.GetResult(messages) is { Implicit: false } ? parse.GetValue(messages) : ClusterRecords;
                return await RunClusterAsync(console, records, parse.GetValue(keys), parse.GetValue(runs), parse.GetValue(json), ct);
            }
            var workload = new BenchWorkload(parse.GetValue(messages), parse.GetValue(size));
            var report = await RunAsync(console, workload, parse.GetValue(runs), ct);
            if (parse.GetValue(json)) BenchReportRenderer.WriteJson(console.Out, report);
            else BenchReportRenderer.WriteTable(console, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private const int ClusterRecords = 100_000;

    private static async Task<int> RunClusterAsync(CliConsole console, int records, int keys, int rounds, bool json, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start();
        var report = await ClusterBench.RunAsync(kafka, records, window: 5_000, rounds, keys, console.Error.WriteLine, ct);
        console.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(report, BenchJsonContext.Default.ClusterBenchReport) : report.ToString());
        var processes = await ProcessClusterBench.RunAsync(kafka, records, window: 5_000, rounds, keys, console.Error.WriteLine, ct);
        console.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(processes, BenchJsonContext.Default.ProcessClusterBenchReport) : processes.ToString());
        return ExitCodes.Ok;
    }

    private static async Task<BenchReport> RunAsync(CliConsole console, BenchWorkload workload, int rounds, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start();
        var system = ActorSystem.Create("kafka-actors-bench", StandardErrorLogger.Hocon);
        try
        {
            var settings = ProducerPipelineSettings<Null, byte[]>.Create(system).WithBootstrapServers(kafka.BootstrapServers);
            var environment = new BenchEnvironment(workload, settings, system, system.Materializer());
            var targets = BenchTargets.All(environment);
            var runs = await new BenchRunner(kafka, workload, targets, run => console.Error.WriteLine(BenchReportRenderer.DescribeRun(run)))
                .RunAsync(rounds, ct);
            return BenchReport.Summarize(workload, rounds, targets, runs);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
