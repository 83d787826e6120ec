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
        // 500,000: at 100,000 a keyed round took 0.1-0.3 s and its on/off ratio swung 0.66-1.20 with the machine.
        var keyed = CountOption.Create("--keyed", "Records per run of the keyed rows (1, 10, 100, 10,000 keys; key order on, strict, off); 0: no keyed rows",
            500_000, minimum: 0);
        var runs = CountOption.Create("--runs", "Measured rounds (each runs every path once) after one warm-up round", 3, minimum: 1);
        var json = new Option<bool>("--json") { Description = "Write the report as JSON on stdout" };
        var rows = new Option<string?>("--rows")
        {
            Description = "Only these rows, comma-separated (e.g. flow,actor), each with the rows its ratios are to; default: every row",
        };
        var keys = CountOption.Create("--keys", "With --cluster: distinct record keys; 0 sends records without a key", 1_000, minimum: 0);
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Instead: keyed records through the single-node producer actor vs two in-process cluster nodes " +
                          "(submit on A, produce on B), then a one-node cluster process vs two node processes (CPU per record on each); " +
                          $"-n defaults to {ClusterRecords:N0} here",
        };
        var soak = new Option<bool>("--soak")
        {
            Description = $"Instead: {SoakBench.DefaultRecords:N0} keyed records ({SoakBench.Keys:N0} keys; -n to change) through the producer actor " +
                          $"under bursts of errors and broker outages; passes (exit 0) when every record is answered once and the peak working set " +
                          $"stays under {SoakBench.WorkingSetBarBytes / 1048576} MB",
        };
        var tracing = new Option<bool>("--tracing") { Description = "Add the actor row with record spans recorded: every one, and 1 in 100" };
        var durable = new Option<bool>("--durable")
        {
            Description = "Instead: the producer actor in memory vs the durable producer on SQLite (and PostgreSQL with --postgresql), " +
                          "with the latency the journal adds; -n defaults to 100,000 here",
        };
        var postgreSql = new Option<string?>("--postgresql") { Description = "With --durable: an Npgsql connection string for a PostgreSQL row" };
        var batch = CountOption.Create("--batch-size", "With --durable: records per journal write at most (max-batch-size)", 2_000, minimum: 1);
        var latency = new Option<bool>("--latency")
        {
            Description = "Instead: raw, raw behind two plain thread hand-offs (raw-handoff: what hops cost on the machine), flow and actor paced at half the raw client's best rate (measured first with -n records), " +
                          $"{LatencySeconds} s per run after a warm-up, interleaved: p50 and p99 from each record's tick (when it was due) to its outcome, and what each adds to raw's p99",
        };
        var rate = CountOption.Create("--rate", "With --latency: records per second instead of half the raw best", 0, minimum: 0);
        var command = new Command("bench",
            "Benchmark the raw Confluent producer against KafkaProducerFlow and the producer actor on an embedded broker, and " +
            "what per-key order costs: best and median msgs/s, CPU and bytes allocated per message, ratios and bars. Progress goes to stderr.")
        {
            messages,
            size,
            keyed,
            runs,
            json,
            rows,
            cluster,
            keys,
            soak,
            tracing,
            durable,
            postgreSql,
            batch,
            latency,
            rate,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(cluster))
            {
                var records = parse.GetResult(messages) is { Implicit: false } ? parse.GetValue(messages) : ClusterRecords;
                return await RunClusterAsync(console, records, parse.GetValue(keys), parse.GetValue(runs), parse.GetValue(json), ct);
            }
            if (parse.GetValue(soak))
            {
                var records = parse.GetResult(messages) is { Implicit: false } ? parse.GetValue(messages) : SoakBench.DefaultRecords;
                return await RunSoakAsync(console, records, parse.GetValue(json), ct);
            }
            if (parse.GetValue(durable))
            {
                var records = parse.GetResult(messages) is { Implicit: false } ? parse.GetValue(messages) : DurableRecords;
                console.Out.WriteLine(await DurableBench.RunAsync(records, parse.GetValue(size), parse.GetValue(runs), parse.GetValue(batch),
                    parse.GetValue(postgreSql), console.Error.WriteLine, ct));
                return ExitCodes.Ok;
            }
            var workload = new BenchWorkload(parse.GetValue(messages), parse.GetValue(size));
            if (parse.GetValue(latency))
            {
                var latencyReport = await WithEnvironment(workload, (kafka, environment) =>
                    LatencyBench.RunAsync(kafka, environment, parse.GetValue(rate) is > 0 and var r ? r : null, LatencySeconds, parse.GetValue(runs),
                        console.Error.WriteLine, ct));
                console.Out.WriteLine(parse.GetValue(json)
                    ? System.Text.Json.JsonSerializer.Serialize(latencyReport, BenchJsonContext.Default.LatencyReport)
                    : latencyReport.ToString());
                return ExitCodes.Ok;
            }
            var rowNames = (parse.GetValue(rows) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var report = await RunAsync(console, workload, parse.GetValue(keyed), parse.GetValue(runs), parse.GetValue(tracing), rowNames, ct);
            if (parse.GetValue(json)) BenchReportRenderer.WriteJson(console.Out, report);
            else BenchReportRenderer.WriteTable(console, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private const int ClusterRecords = 100_000;
    private const int DurableRecords = 100_000;
    private const double LatencySeconds = 4;

    private static async Task<int> RunClusterAsync(CliConsole console, int records, int keys, int rounds, bool json, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start();
        var report = await ClusterBench.RunAsync(kafka, records, window: 5_000, rounds, keys, console.Error.WriteLine, ct);
        console.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(report, BenchJsonContext.Default.ClusterBenchReport) : report.ToString());
        var processes = await ProcessClusterBench.RunAsync(kafka, records, window: 5_000, rounds, keys, console.Error.WriteLine, ct);
        console.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(processes, BenchJsonContext.Default.ProcessClusterBenchReport) : processes.ToString());
        return ExitCodes.Ok;
    }

    private static async Task<int> RunSoakAsync(CliConsole console, int records, bool json, CancellationToken ct)
    {
        var report = await SoakBench.RunAsync(records, console.Error.WriteLine, ct);
        console.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(report, BenchJsonContext.Default.SoakReport) : report.ToString());
        return !report.EveryRecordAnsweredOnce ? ExitCodes.NotAllDelivered : report.UnderBar ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static Task<BenchReport> RunAsync(CliConsole console, BenchWorkload workload, int keyedMessages, int rounds, bool tracing,
        IReadOnlyCollection<string> rows, CancellationToken ct) =>
        WithEnvironment(workload, async (kafka, environment) =>
        {
            var targets = BenchTargets.Only(BenchTargets.All(environment, keyedMessages, tracing), rows);
            var runs = await new BenchRunner(kafka, targets, run => console.Error.WriteLine(BenchReportRenderer.DescribeRun(run)))
                .RunAsync(rounds, ct);
            return BenchReport.Summarize(workload, keyedMessages, rounds, targets, runs);
        });

    // One embedded broker and one actor system, the same client properties for every row.
    private static async Task<T> WithEnvironment<T>(BenchWorkload workload, Func<EmbeddedKafka, BenchEnvironment, Task<T>> run)
    {
        using var kafka = EmbeddedKafka.Start();
        var system = ActorSystem.Create("kafka-actors-bench", StandardErrorLogger.Hocon);
        try
        {
            var settings = ProducerPipelineSettings<Null, byte[]>.Create(system).WithBootstrapServers(kafka.BootstrapServers)
                .WithProperty(BenchEnvironment.DeliveryReportFields, BenchEnvironment.LeanDeliveryReports);
            return await run(kafka, new BenchEnvironment(workload, settings, system, system.Materializer()));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
