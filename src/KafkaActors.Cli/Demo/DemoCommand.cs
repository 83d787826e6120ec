using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Confluent.Kafka;
using KafkaActors.Cli.Broker;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Testing;
using Spectre.Console;
using Config = Akka.Configuration.Config;

namespace KafkaActors.Cli.Demo;

/// <summary>
/// <c>kafka-actors demo</c> (also what runs with no arguments): the whole pipeline — producer actor,
/// flow, retry supervisor, dead letters — over keyed records on a 3-broker embedded Kafka while faults
/// are injected, then a read-back proof that every record is accounted for exactly once.
/// </summary>
internal static class DemoCommand
{
    private const string Topic = "demo-orders";
    private const int MinPartitions = 6;

    // About 70 bytes per record on the broker's log: 20,000 per partition is ~1.4 MB, well inside what it keeps.
    private const int RecordsPerPartition = 20_000;
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static Command Create(CliConsole console, RootCommand root)
    {
        var records = CountOption.Create("--records", "Records to produce", 100_000, minimum: 1, "-n");
        var keys = CountOption.Create("--keys", "Distinct record keys (customers); order is kept per key", 10_000, minimum: 1);
        var json = new Option<bool>("--json") { Description = "Write the summary as JSON on stdout (progress goes to stderr)" };
        var durable = new Option<bool>("--durable")
        {
            Description = "Instead: a child run of 'produce --outbox' is killed (SIGKILL) mid-run, a second run finishes what it left, " +
                          "and the topic is read back to prove every accepted line landed; --records defaults to 20,000 here",
        };
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Instead: three local cluster node processes submitting --records each (default 3,000), the oldest killed with SIGKILL mid-run",
        };
        var command = new Command("demo",
            "Run the whole pipeline over keyed records on an embedded 3-broker Kafka while injecting faults " +
            "(transient errors, a broker down for 2 s, oversize records), then prove every record is accounted for. " +
            "This is what runs with no command.") { records, keys, json, durable, cluster };

        Func<ParseResult, CancellationToken, Task<int>> action = async (parse, ct) =>
        {
            if (parse.GetValue(durable))
                return await DurableDemo.RunAsync(console, parse.GetResult(records) is { Implicit: false } ? parse.GetValue(records) : 20_000, ct);
            if (parse.GetValue(cluster))
                return await ClusterDemo.RunAsync(console, parse.GetResult(records) is { Implicit: false } ? parse.GetValue(records) : 3_000,
                    parse.GetResult(keys) is { Implicit: false } ? parse.GetValue(keys) : 100, ct);
            var report = await RunAsync(console, parse.GetValue(records), parse.GetValue(keys), parse.GetValue(json), ct);
            if (parse.GetValue(json)) console.Out.WriteLine(report.ToJson());
            else WriteSummary(console, report);
            return report.AllAccountedFor ? ExitCodes.Ok : ExitCodes.Failure;
        };
        command.SetAction(action);
        foreach (var option in command.Options) root.Options.Add(option);
        root.SetAction(action);
        return command;
    }

    private static async Task<DemoReport> RunAsync(CliConsole console, int count, int keys, bool json, CancellationToken ct)
    {
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
        using var kafka = string.IsNullOrWhiteSpace(external) ? EmbeddedKafka.Start(brokers: 3) : null;
        var bootstrap = kafka?.BootstrapServers ?? external!;
        var progress = json || console.IsOutputRedirected ? console.Error : null;
        var faults = new List<string>();
        var notes = new List<string>();
        if (kafka is null) faults.Add($"none: using the broker at {bootstrap} (KAFKA_BOOTSTRAP_SERVERS); faults need the embedded broker");
        else
        {
            // Enough partitions that the read-back stays inside what the embedded broker keeps (keys spread the records).
            var partitions = Math.Max(MinPartitions, (int)Math.Min(1_000, (count + RecordsPerPartition - 1L) / RecordsPerPartition));
            kafka.CreateTopic(Topic, partitions, 3);
            kafka.CreateTopic($"{Topic}.DLT", 3, 3);
            notes.Add($"{Topic} has {partitions} partitions because {EmbeddedRetention.Description}");
        }

        var system = ActorSystem.Create("kafka-actors-demo", PipelineConfig(bootstrap).WithFallback(ConfigurationFactory.ParseString(DemoEvents.Hocon)));
        var events = DemoEvents.For(system);
        try
        {
            var tally = new OutcomeTally(count);
            using var violations = new KeyOrderViolations(Topic);
            var oversize = Enumerable.Range(1, 5).Select(i => (int)((long)i * count / 6)).ToHashSet();
            var noSuchPartition = Enumerable.Range(1, 5).Select(i => (int)((long)i * count / 7)).Except(oversize).ToHashSet();
            var settings = ProducerActorSettings<string, string>.Create(system);
            var producer = system.ActorOf(KafkaProducerActor.Props(settings, listener: tally), "demo-producer");
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            var records = new DemoRecords(Topic, count, keys, oversize, noSuchPartition, 200_000);
            system.ActorOf(Props.Create(() => new RecordDriver<string, string>(producer, count, records.Envelope, tally, 5_000, done)));

            var faultTask = kafka is null ? Task.CompletedTask : InjectFaults(kafka, tally, faults, events, ct);
            await ShowProgress(console, progress, tally, done.Task.WaitAsync(ct));
            var elapsed = clock.Elapsed;
            await faultTask;

            var readTimeout = TimeSpan.FromSeconds(60);
            var onTopic = TopicAudit.IdsOn(bootstrap, Topic, readTimeout, ct);
            var onDlt = TopicAudit.IdsOn(bootstrap, $"{Topic}.DLT", readTimeout, ct);
            return DemoReport.Build(tally, elapsed, onTopic, onDlt, faults, notes, events.Snapshot(),
                new KeyOrderFigures(settings.Retry.PreserveKeyOrder, violations.Count));
        }
        finally
        {
            await system.Terminate();
        }
    }

    // Faults reach the retry supervisor (FaultVisibleConfig); the record size is capped so a few records fail for good.
    private static Config PipelineConfig(string bootstrap) => ConfigurationFactory.ParseString("""
        kafka-actors {
          producer.kafka-clients.message.max.bytes = 100000
          # Copies of the oversize records still fit on the dead-letter topic.
          dead-letter.kafka-clients.message.max.bytes = 1000000
          actor.intake-buffer-size = 20000
        }
        """).WithFallback(FaultVisibleConfig.For(bootstrap));

    // Faults at points of progress: a burst of transient errors at 20 %, one broker down for 2 s at 40 %.
    private static async Task InjectFaults(EmbeddedKafka kafka, OutcomeTally tally, List<string> faults, DemoEvents events, CancellationToken ct)
    {
        faults.Add("5 oversize records (200 KB, message.max.bytes = 100000; the dead-letter producer allows 1 MB) and 5 records for partition 99 that does not exist: permanent, dead-lettered");
        await WhenAnswered(tally, 0.2, ct);
        var burst = Enumerable.Repeat(ErrorCode.RequestTimedOut, 30).Concat(Enumerable.Repeat(ErrorCode.NotLeaderForPartition, 10)).ToArray();
        events.FaultUnderWay($"{burst.Length} Produce requests answered RequestTimedOut / NotLeaderForPartition");
        kafka.PushProduceErrors(burst);
        faults.Add($"at {Percent(tally)}: {burst.Length} Produce requests answered RequestTimedOut / NotLeaderForPartition");
        await WhenAnswered(tally, 0.4, ct);
        events.FaultUnderWay("broker 2 down for 2 s, and the clients reconnecting");
        kafka.SetBrokerDown(2);
        faults.Add($"at {Percent(tally)}: broker 2 down for 2 s, then up");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        kafka.SetBrokerUp(2);
    }

    private static string Percent(OutcomeTally tally) => $"{100.0 * tally.Terminal / tally.Records:0}% answered";

    private static async Task WhenAnswered(OutcomeTally tally, double fraction, CancellationToken ct)
    {
        while (tally.Terminal < tally.Records * fraction && tally.Terminal < tally.Records)
            await Task.Delay(20, ct);
    }

    private static async Task ShowProgress(CliConsole console, TextWriter? plain, OutcomeTally tally, Task done)
    {
        if (plain is not null)
        {
            while (!done.IsCompleted)
            {
                await Task.WhenAny(done, Task.Delay(1000));
                plain.WriteLine(string.Create(Numbers,
                    $"delivered {tally.DeliveredCount:N0}/{tally.Records:N0}, failed attempts (retried) {tally.FailedAttempts:N0}, dead-lettered {tally.DeadLetteredCount:N0}"));
            }
            await done;
            return;
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
        await ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var delivered = ctx.AddTask("delivered", maxValue: tally.Records);
                var retrying = ctx.AddTask("retried attempts", maxValue: tally.Records);
                var dead = ctx.AddTask("dead-lettered", maxValue: tally.Records);
                while (!done.IsCompleted)
                {
                    await Task.WhenAny(done, Task.Delay(100));
                    delivered.Value = tally.DeliveredCount;
                    retrying.Value = Math.Min(tally.FailedAttempts, tally.Records);
                    dead.Value = tally.DeadLetteredCount;
                }
                await done;
            });
    }

    private static void WriteSummary(CliConsole console, DemoReport report)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
        if (console.IsOutputRedirected) ansi.Profile.Width = 160;
        var table = new Table().Border(console.IsOutputRedirected ? TableBorder.Ascii : TableBorder.Rounded)
            .Title("KafkaActors demo").AddColumn("").AddColumn("", c => c.RightAligned()).HideHeaders();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("records", report.Records.ToString("N0", Numbers));
        Row("delivered", report.Delivered.ToString("N0", Numbers));
        Row("dead-lettered", report.DeadLettered.ToString("N0", Numbers));
        foreach (var (reason, n) in report.DeadLetterReasons) Row($"  {reason}", n.ToString("N0", Numbers));
        Row("failed attempts, retried", report.FailedAttempts.ToString("N0", Numbers));
        Row("intake full, sent again", report.RejectedAndResent.ToString("N0", Numbers));
        foreach (var (attempts, n) in report.AttemptsHistogram) Row($"  finished at attempt {attempts}", n.ToString("N0", Numbers));
        Row("throughput", string.Create(Numbers, $"{report.RecordsPerSecond:N0} records/s ({report.Seconds:N1} s)"));
        Row("latency p50 / p99", string.Create(Numbers, $"{report.P50Ms:N1} ms / {report.P99Ms:N1} ms"));
        Row("read back: delivered ids on topic", $"{report.DeliveredFoundOnTopic:N0} of {report.Delivered:N0}");
        Row("read back: dead-lettered ids on DLT", $"{report.DeadLetteredFoundOnDlt:N0} of {report.DeadLettered - report.DeadLetteredNotPublished:N0} published");
        Row("dead-lettered, copy not publishable (an event says why)", report.DeadLetteredNotPublished.ToString("N0", Numbers));
        Row("duplicates on topic (at-least-once)", report.DuplicatesOnTopic.ToString("N0", Numbers));
        Row($"key order ({report.KeyOrder.Setting}): landed after a later record of their key", report.KeyOrder.Violations.ToString("N0", Numbers));
        ansi.Write(table);
        foreach (var fault in report.Faults) console.Out.WriteLine($"fault: {fault}");
        foreach (var note in report.Notes) console.Out.WriteLine($"note: {note}");
        foreach (var logged in report.Events) console.Out.WriteLine($"event: {logged}");
        console.Out.WriteLine(report.AllAccountedFor
            ? "every record has exactly one terminal outcome and is on the topic or its dead-letter topic: all accounted for"
            : "NOT all accounted for: " + string.Join("; ", report.Problems));
    }
}
