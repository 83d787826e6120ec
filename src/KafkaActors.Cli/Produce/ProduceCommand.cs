using System.CommandLine;
using System.Text;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Durability;
using Config = Akka.Configuration.Config;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// <c>kafka-actors produce</c>: every input line becomes a record, sent through the producer actor
/// (retries and dead letters by configuration) as soon as it is read; the report gives each line's
/// outcome in input order, also when the run is interrupted.
/// </summary>
internal static class ProduceCommand
{
    // Lines read and not yet reported, at most: bounds memory, and at or below the intake bound the actor never turns one away.
    private const int Window = 10_000;

    public static Command Create(CliConsole console, TerminationSignals signals)
    {
        var bootstrap = new Option<string?>("--bootstrap-servers", "-b")
        {
            Description = "Kafka brokers, host:port[,host:port...] (default: bootstrap.servers in --config, then KAFKA_BOOTSTRAP_SERVERS)",
        };
        var topic = new Option<string>("--topic", "-t") { Description = "Topic to produce to (it must exist)", Required = true };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read lines from this file instead of standard input" };
        var separator = new Option<string?>("--key-separator") { Description = "The bytes before its first occurrence in a line are the record key" };
        var config = new Option<FileInfo?>("--config") { Description = "HOCON file with kafka-actors settings (retries, dead letters, client properties)" };
        var report = new Option<string?>("--report") { Description = "Write one JSON line per input line to this file, or '-' for standard output" };
        var connectTimeout = DurationOption.Create("--connect-timeout", "How long to wait for the brokers before giving up", TimeSpan.FromSeconds(5));
        var valueEncoding = EncodingOption("--value-encoding", "How a line's value text becomes the record's bytes");
        var keyEncoding = EncodingOption("--key-encoding", "How a line's key text becomes the record key's bytes");
        var outbox = new Option<string?>("--outbox")
        {
            Description = "Durable: a line is accepted once it is in this SQLite file (or 'postgresql:<Npgsql connection string>'), and a run with the same outbox first finishes what a killed run left; the report is then a journal of events (accepted, then the outcome), appended as they happen",
            HelpName = "FILE",
        };
        var transactionalId = new Option<string?>("--transactional-id")
        {
            Description = "Produce exactly once, in Kafka transactions with this transactional.id: read_committed readers see whole transactions only, and a later run with the same id fences this one",
        };
        var transactionRecords = CountOption.Create("--transaction-records", "Lines per transaction with --transactional-id (the rest make one more at the end)", 1000, 1);
        var command = new Command("produce",
            "Produce each input line as a record through the full pipeline (retries with backoff, dead letters), as lines arrive. " +
            "Exit codes: 0 all delivered, 1 some not delivered, 2 usage or configuration, 3 broker unavailable, 4 input/output, 130/143 interrupted.")
        {
            bootstrap, topic, file, separator, config, report, connectTimeout, valueEncoding, keyEncoding, outbox, transactionalId, transactionRecords,
        };

        command.SetAction(async (parse, ct) =>
        {
            var systemConfig = Configuration(parse.GetValue(config), parse.GetValue(bootstrap));
            var settings = ProducerActorSettings<byte[]?, byte[]>.Create(systemConfig.WithFallback(KafkaActorsConfig.Reference).GetConfig(KafkaActorsConfig.RootPath));
            var addresses = BrokerAddress.ParseList(settings.Producer.BootstrapServers ?? "",
                parse.GetValue(bootstrap) is null ? "bootstrap.servers (--bootstrap-servers, kafka-actors.producer.kafka-clients.bootstrap.servers in the --config file, or KAFKA_BOOTSTRAP_SERVERS)" : "--bootstrap-servers");
            var parser = new LineParser(parse.GetValue(topic)!, parse.GetValue(separator) is { Length: > 0 } s ? Encoding.UTF8.GetBytes(s) : null,
                parse.GetValue(keyEncoding), parse.GetValue(valueEncoding));

            // Everything that can be checked is checked before the first line is read.
            await using var input = OpenInput(console, parse.GetValue(file));
            var durability = Outbox(parse.GetValue(outbox), systemConfig);
            await using var writer = ReportWriter.Open(parse.GetValue(report), console, settings.DeadLetter.TopicFor, append: durability is not null);
            await BrokerCheck.RunAsync(settings.Producer.Properties, addresses, parse.GetValue(topic)!, parse.GetValue(connectTimeout), ct);

            var tally = new ProduceTally();
            var transactions = parse.GetValue(transactionalId) is { Length: > 0 } id
                ? (Id: id, Settings: TransactionSettings.Create(systemConfig.WithFallback(KafkaActorsConfig.Reference).GetConfig(TransactionSettings.ConfigPath))
                    .WithTransactionalIdPrefix("").WithMaxRecords(parse.GetValue(transactionRecords)).WithCommitInterval(TimeSpan.FromDays(365)))
                : ((string Id, TransactionSettings Settings)?)null;
            if (durability is not null && transactions is not null)
                throw new CliFailure("--outbox and --transactional-id do not combine: pick the durable outbox (at-least-once, survives a crash) or Kafka transactions (exactly once)", ExitCodes.Usage);
            var recovered = durability is null
                ? await RunAsync(systemConfig, settings, transactions, parser, new ByteLines(input), writer, tally, console, ct)
                : await RunOutboxAsync(systemConfig, settings, durability, parser, new ByteLines(input), writer, tally, console, ct);
            await writer.FlushAsync();
            return Finish(console, signals, tally, writer, recovered);
        });
        return command;
    }

    // The outbox's journal: a SQLite file, or a PostgreSQL server; the rest of kafka-actors.durability from --config.
    private static DurabilitySettings? Outbox(string? outbox, Config config)
    {
        if (outbox is null) return null;
        var settings = DurabilitySettings.Create(config.WithFallback(KafkaActorsConfig.Reference).GetConfig(DurabilitySettings.ConfigPath));
        const string postgreSql = "postgresql:";
        return outbox.StartsWith(postgreSql, StringComparison.Ordinal)
            ? settings.WithPostgreSql(outbox[postgreSql.Length..])
            : settings.WithSqlite(string.IsNullOrWhiteSpace(outbox) ? throw new CliFailure("--outbox needs a file path", ExitCodes.Usage) : Path.GetFullPath(outbox));
    }

    private static Option<ValueEncoding> EncodingOption(string name, string description)
    {
        var option = new Option<ValueEncoding>(name) { Description = $"{description}: {ValueEncodings.Names} (utf8: the bytes as they are)", HelpName = ValueEncodings.Names };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (ValueEncodings.TryParse(text, out var encoding)) return encoding;
            result.AddError($"{name} takes {ValueEncodings.Names}, not '{text}'; e.g. {name} base64");
            return ValueEncoding.Utf8;
        };
        return option;
    }

    private static Stream OpenInput(CliConsole console, FileInfo? file)
    {
        if (file is null) return console.OpenInput();
        try
        {
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message.TrimEnd('.');
            throw new CliFailure($"cannot read '{file.FullName}': {why}", ExitCodes.InputOutput);
        }
    }

    // bootstrap.servers from -b, else from the --config file, else from KAFKA_BOOTSTRAP_SERVERS.
    private static Config Configuration(FileInfo? file, string? servers)
    {
        var fromFile = file is null ? Config.Empty : KafkaActorsConfig.ParseFile(file.FullName);
        var fileServers = fromFile.IsEmpty ? null
            : ProducerPipelineSettings<byte[], byte[]>.Create(fromFile.WithFallback(KafkaActorsConfig.Reference).GetConfig(ProducerPipelineSettings<byte[], byte[]>.ConfigPath)).BootstrapServers;
        var chosen = new[] { servers, fileServers, Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS") }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        // A JSON string is a HOCON string: quotes and backslashes in the value stay the value.
        var bootstrap = chosen is null ? Config.Empty
            : ConfigurationFactory.ParseString($"kafka-actors.producer.kafka-clients.bootstrap.servers = {System.Text.Json.JsonSerializer.Serialize(chosen)}");
        // The command decides when the system stops: a signal must not start CoordinatedShutdown behind its back
        // (it would stop the system while the report still waits for the records' last outcomes).
        var logging = ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off\n" + StandardErrorLogger.Hocon);
        return (bootstrap.IsEmpty ? fromFile : bootstrap.WithFallback(fromFile)) is { IsEmpty: false } user ? user.WithFallback(logging) : logging;
    }

    // transactions: with --transactional-id, lines go through the transactional flow (commit-interval off: only
    // --transaction-records and the end of input close a transaction); else through the producer actor.
    private static async Task<(long Finished, long NotDelivered)> RunAsync(Config config, ProducerActorSettings<byte[]?, byte[]> settings,
        (string Id, TransactionSettings Settings)? transactions, LineParser parser, ByteLines input, ReportWriter report, ProduceTally tally,
        CliConsole console, CancellationToken ct)
    {
        var system = ActorSystem.Create("kafka-actors-produce", config);
        try
        {
            var results = Channel.CreateUnbounded<LineResult>(new UnboundedChannelOptions { SingleReader = true });
            ILineSink sink = transactions is { } tx
                ? new TransactionalLineSink(system, settings, tx.Settings, tx.Id, results.Writer)
                : new ActorLineSink(system.ActorOf(KafkaProducerActor.Props<byte[]?, byte[], InputLine>(settings), "producer"),
                    system.ActorOf(Props.Create(() => new ReplyInbox(results.Writer)), "replies"));
            // A transaction must fit in the window, or it would wait for lines that wait for its commit.
            var window = transactions is { } t ? Math.Max(Window, t.Settings.MaxRecords) : Math.Min(Window, settings.IntakeBufferSize);
            var lines = new LineProducer(sink, results, parser, report, tally, window);
            await using var progress = new ProgressLine(console, tally);
            await lines.RunAsync(input, ct, settings.CloseTimeout + settings.Producer.FlushTimeout);
            return (0, 0);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<(long Finished, long NotDelivered)> RunOutboxAsync(Config config, ProducerActorSettings<byte[]?, byte[]> settings,
        DurabilitySettings durability, LineParser parser, ByteLines input, ReportWriter report, ProduceTally tally, CliConsole console, CancellationToken ct)
    {
        var system = ActorSystem.Create("kafka-actors-produce", config);
        try
        {
            var events = Channel.CreateUnbounded<OutboxEvent>(new UnboundedChannelOptions { SingleReader = true });
            var inbox = system.ActorOf(Props.Create(() => new OutboxInbox(events.Writer)), "replies");
            var producer = system.ActorOf(DurableProducerActor.Props(settings, durability, inbox, InputLineContext.Instance), "producer");
            var run = new OutboxRun(producer, inbox, events, parser, report, tally, Math.Min(Window, settings.IntakeBufferSize));
            await using var progress = new ProgressLine(console, tally);
            await run.RunAsync(input, ct, settings.CloseTimeout + settings.Producer.FlushTimeout);
            if (!ct.IsCancellationRequested) await producer.Ask<Akka.Done>(StopProducing.Instance, settings.CloseTimeout + TimeSpan.FromSeconds(30));
            if (run.Recovered.Finished > 0) console.Error.WriteLine($"finished {run.Recovered.Finished:N0} line(s) an earlier run left in the outbox");
            return run.Recovered;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static int Finish(CliConsole console, TerminationSignals signals, ProduceTally tally, ReportWriter report, (long Finished, long NotDelivered) recovered)
    {
        var summary = new StringBuilder(tally.ToString());
        if (signals.Received is not null) summary.Append($"; stopped by {signals.Name}: no lines read after line {tally.Read:N0}");
        if (report.Broken is { } broken) summary.Append($"; the report could not be written past line {tally.Reported:N0} ({broken})");
        console.Error.WriteLine(summary.ToString());
        if (signals.Received is not null) return signals.ExitCode;
        if (report.Broken is not null) return ExitCodes.InputOutput;
        return tally.Delivered == tally.Read && recovered.NotDelivered == 0 ? ExitCodes.Ok : ExitCodes.NotAllDelivered;
    }
}
