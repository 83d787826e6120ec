using System.CommandLine;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using KafkaActors.Cli.Diagnostics;

namespace KafkaActors.Cli.Copy;

/// <summary>
/// <c>kafka-actors copy</c>: consume-transform-produce, exactly once. Every record of <c>--from</c> is written to
/// <c>--to</c> (same key, value and headers) in transactions that also commit the group's offsets, so a copy
/// killed at any point and started again leaves each record on <c>--to</c> once, in order, for read_committed readers.
/// Runs until SIGINT/SIGTERM; an aborted transaction restarts the consumer from the committed offsets.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CliConsole console, TerminationSignals signals)
    {
        var bootstrap = new Option<string>("--bootstrap-servers", "-b") { Description = "Kafka brokers, host:port[,host:port...]", Required = true };
        var from = new Option<string>("--from") { Description = "Topic to read", Required = true };
        var to = new Option<string>("--to") { Description = "Topic to write", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group whose offsets are committed with the output", Required = true };
        var transactionalId = new Option<string>("--transactional-id") { Description = "transactional.id: the same for every run of this copy, so a new run fences the old", Required = true };
        var records = CountOption.Create("--transaction-records", "Records per transaction, at most (a transaction also commits after kafka-actors.transactions.commit-interval)", 1000, 1);
        var command = new Command("copy", "Copy a topic exactly once: output and consumer offsets committed in one transaction (consume-transform-produce). Runs until stopped.")
        {
            bootstrap, from, to, group, transactionalId, records,
        };
        command.SetAction(async (parse, ct) =>
        {
            var system = ActorSystem.Create("kafka-actors-copy", ConfigurationFactory.ParseString(StandardErrorLogger.Hocon));
            try
            {
                var servers = parse.GetValue(bootstrap)!;
                var producer = ProducerPipelineSettings<byte[]?, byte[]?>.Create(system).WithBootstrapServers(servers);
                var transactions = TransactionSettings.Create(system).WithTransactionalIdPrefix("").WithMaxRecords(parse.GetValue(records));
                var consumer = new ConsumerConfig { BootstrapServers = servers, GroupId = parse.GetValue(group), AutoOffsetReset = AutoOffsetReset.Earliest };
                var (topicIn, topicOut) = (parse.GetValue(from)!, parse.GetValue(to)!);
                // A restart builds a new consumer, which resumes from the offsets the last committed transaction left.
                var copy = RestartSource.WithBackoff(() => CommittableSource.Create<byte[]?, byte[]?>(consumer, [topicIn])
                        .Select(r => (IProducerEnvelope<byte[]?, byte[]?, ConsumedRecord<byte[]?, byte[]?>>)new ProducerEnvelope<byte[]?, byte[]?, ConsumedRecord<byte[]?, byte[]?>>(
                            topicOut, new Message<byte[]?, byte[]?> { Key = r.Message.Key, Value = r.Message.Value, Headers = r.Message.Headers }, r))
                        .Via(TransactionalProducerFlow.Create<byte[]?, byte[]?, ConsumedRecord<byte[]?, byte[]?>>(producer, transactions, RetrySettings.Create(system),
                            parse.GetValue(transactionalId)!, r => r.Offset))
                        .Select(o => o is TransactionOutcome<byte[]?, byte[]?, ConsumedRecord<byte[]?, byte[]?>>.Aborted a
                            ? throw new InvalidOperationException($"transaction {a.Transaction.Sequence} aborted ({a.Reason}: {a.Error}); starting again from the committed offsets")
                            : o),
                    RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), 0.2));
                var copied = 0L;
                var done = copy.ViaMaterialized(KillSwitches.Single<TransactionOutcome<byte[]?, byte[]?, ConsumedRecord<byte[]?, byte[]?>>>(), Keep.Right)
                    .ToMaterialized(Sink.ForEach<TransactionOutcome<byte[]?, byte[]?, ConsumedRecord<byte[]?, byte[]?>>>(_ => Interlocked.Increment(ref copied)), Keep.Both)
                    .Run(system.Materializer());
                await using (ct.Register(() => done.Item1.Shutdown()))
                    await done.Item2;
                console.Error.WriteLine($"{copied:N0} record(s) copied from {topicIn} to {topicOut}, committed");
                return signals.Received is not null ? signals.ExitCode : ExitCodes.Ok;
            }
            finally
            {
                await system.Terminate();
            }
        });
        return command;
    }
}
