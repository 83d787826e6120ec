using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Configuration;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Cli.Pipeline;
using Config = Akka.Configuration.Config;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// <c>kafka-actors produce</c>: every input line becomes a record, sent through the producer actor
/// (retries and dead letters by configuration); an optional report gives each line's outcome.
/// </summary>
internal static class ProduceCommand
{
    private const int Window = 10_000;

    public static Command Create(CliConsole console)
    {
        var bootstrap = new Option<string>("--bootstrap-servers", "-b")
        {
            Description = "Kafka brokers, host:port[,host:port...] (default: bootstrap.servers in --config, then KAFKA_BOOTSTRAP_SERVERS)",
        };
        var topic = new Option<string>("--topic", "-t") { Description = "Topic to produce to", Required = true };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read lines from this file instead of standard input" };
        var separator = new Option<string?>("--key-separator") { Description = "Text before the first occurrence is the record key" };
        var config = new Option<FileInfo?>("--config") { Description = "HOCON file with kafka-actors settings (retries, dead letters, client properties)" };
        var report = new Option<string?>("--report") { Description = "Write one JSON line per input line to this file, or '-' for standard output" };
        var command = new Command("produce",
            "Produce each input line as a record through the full pipeline (retries with backoff, dead letters). " +
            "Exit code 1 when any record was dead-lettered.") { bootstrap, topic, file, separator, config, report };

        command.SetAction(async (parse, ct) =>
        {
            var systemConfig = Configuration(parse.GetValue(config), parse.GetValue(bootstrap));
            var lines = ReadInput(console, parse.GetValue(file), parse.GetValue(separator));
            var tally = await RunAsync(systemConfig, parse.GetValue(topic)!, lines, ct);
            await WriteReport(console, parse.GetValue(report), lines, tally);
            console.Error.WriteLine($"{tally.DeliveredCount} delivered, {tally.DeadLetteredCount} dead-lettered, of {lines.Count} line(s)");
            return tally.DeadLetteredCount == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static List<InputLine> ReadInput(CliConsole console, FileInfo? file, string? separator)
    {
        if (file is null) return InputLines.Read(console.In, separator);
        if (!file.Exists) throw new CliFailure($"cannot read '{file.FullName}': no such file");
        using var reader = file.OpenText();
        return InputLines.Read(reader, separator);
    }

    private static Config Configuration(FileInfo? file, string? servers) =>
        ProduceConfiguration.Load(file, servers, Environment.GetEnvironmentVariable);

    private static async Task<OutcomeTally> RunAsync(Config config, string topic, List<InputLine> lines, CancellationToken ct)
    {
        var settings = ProducerActorSettings<string, string>.Create(config.WithFallback(KafkaActorsConfig.Reference).GetConfig(KafkaActorsConfig.RootPath));
        BrokerCheck.TopicExists(settings.Producer.Properties, topic);
        var system = ActorSystem.Create("kafka-actors-produce", config);
        try
        {
            var tally = new OutcomeTally(lines.Count);
            var producer = system.ActorOf(KafkaProducerActor.Props(settings, listener: tally), "producer");
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new RecordDriver<string, string>(producer, lines.Count,
                i => ProducerEnvelope.Create(topic, lines[i].Key!, lines[i].Value, i), tally, Window, done)));
            await done.Task.WaitAsync(ct);
            return tally;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task WriteReport(CliConsole console, string? target, List<InputLine> lines, OutcomeTally tally)
    {
        if (target is null) return;
        var output = target == "-" ? console.Out : new StreamWriter(target);
        try
        {
            for (var i = 0; i < lines.Count; i++)
                await output.WriteLineAsync(JsonSerializer.Serialize(ReportLine(lines[i], tally.Outcomes[i])));
        }
        finally
        {
            if (target != "-") await output.DisposeAsync();
            else await output.FlushAsync();
        }
    }

    private sealed record ReportEntry(
        [property: JsonPropertyName("line")] int Line,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("topic")] string Topic,
        [property: JsonPropertyName("partition")] int? Partition,
        [property: JsonPropertyName("offset")] long? Offset,
        [property: JsonPropertyName("attempts")] int Attempts,
        [property: JsonPropertyName("error")] string? Error);

    private static ReportEntry ReportLine(InputLine line, IProduceReply<string, string, int> outcome) => outcome switch
    {
        Produced<string, string, int> d => new ReportEntry(line.Number, line.Key, "delivered",
            d.Envelope.Topic, d.Partition.Value, d.Offset.Value, d.Attempts, null),
        // Where the dead-letter copy landed, when it did.
        DeadLettered<string, string, int> x => new ReportEntry(line.Number, line.Key, "dead-lettered",
            x.DeadLetterTopicPartitionOffset?.Topic ?? x.Envelope.Topic, x.DeadLetterTopicPartitionOffset?.Partition.Value,
            x.DeadLetterTopicPartitionOffset?.Offset.Value, x.Attempts, x.LastError is { } e ? $"{e.Code}: {e.Reason}" : x.Cause.ToString()),
        _ => throw new InvalidOperationException($"not a terminal outcome: {outcome}"),
    };
}
