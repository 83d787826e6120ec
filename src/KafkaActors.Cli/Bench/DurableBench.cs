using System.Diagnostics;
using System.Text;
using Akka.Actor;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Durability;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <c>bench --durable</c>: the producer actor in memory against the durable producer on SQLite (and on PostgreSQL
/// when a connection string is given), interleaved on one embedded broker, each run on a fresh topic and journal.
/// Reports median records/s and the latency durability adds (arrival to acceptance, p50/p99) next to the end-to-end latency.
/// </summary>
internal static class DurableBench
{
    private const int Window = 10_000;

    private sealed record Row(string Name, string Description, Func<ActorSystem, string, ProducerActorSettings<byte[]?, byte[]>, IActorRef> Start, bool Durable);

    private sealed record Result(string Row, double PerSecond, double[] Accept, double[] EndToEnd);

    public static async Task<string> RunAsync(int records, int size, int rounds, int batchSize, string? postgreSql, Action<string> log, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start();
        using var scratch = new TempFolder();
        var system = ActorSystem.Create("kafka-actors-bench", StandardErrorLogger.Hocon);
        try
        {
            var durability = DurabilitySettings.Create(system).WithMaxBatchSize(batchSize).WithMaxOutstanding(Window * 2);
            var rows = new List<Row>
            {
                new("actor", "KafkaProducerActor (in memory)", (s, _, settings) => s.ActorOf(KafkaProducerActor.Props<byte[]?, byte[], int>(settings)), false),
                new("sqlite", "DurableProducerActor, SQLite journal", (s, run, settings) =>
                    s.ActorOf(DurableProducerActor.Props<int>(settings, durability.WithSqlite(Path.Combine(scratch.Path, $"{run}.db")))), true),
            };
            if (postgreSql is not null)
                rows.Add(new("postgresql", "DurableProducerActor, PostgreSQL journal", (s, run, settings) =>
                    s.ActorOf(DurableProducerActor.Props<int>(settings, durability.WithPostgreSql(postgreSql).WithPersistenceId($"bench-{run}-{Guid.NewGuid():N}"))), true));
            var settings = ProducerActorSettings<byte[]?, byte[]>.Create(system).WithBootstrapServers(kafka.BootstrapServers).WithIntakeBufferSize(Window);
            var value = Encoding.ASCII.GetBytes(new string('x', size));
            var results = new List<Result>();
            for (var round = 0; round <= rounds; round++)
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    var run = $"{row.Name}-{round}";
                    kafka.CreateTopic(run, BenchWorkload.Partitions);
                    var producer = row.Start(system, run, settings);
                    var done = new TaskCompletionSource<(double[] Accept, double[] EndToEnd)>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var clock = Stopwatch.StartNew();
                    var driver = system.ActorOf(Props.Create(() => new DurableBenchDriver(producer, run, value, row.Durable, records, Window, done)));
                    var (accept, endToEnd) = await done.Task.WaitAsync(ct);
                    var result = new Result(row.Name, records / clock.Elapsed.TotalSeconds, accept, endToEnd);
                    system.Stop(driver);
                    await producer.Ask<Akka.Done>(StopProducing.Instance, TimeSpan.FromSeconds(30));
                    log($"round {round}{(round == 0 ? " (warm-up)" : "")}: {row.Name} {result.PerSecond:N0} records/s");
                    if (round > 0) results.Add(result);
                }
            }
            return Render(rows, results, records, size, rounds, batchSize);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string Render(List<Row> rows, List<Result> results, int records, int size, int rounds, int batchSize)
    {
        var text = new StringBuilder();
        text.AppendLine("| path                                     | records/s (median) | vs memory | accepted after p50 / p99 | reply after p50 / p99 |");
        text.AppendLine("|------------------------------------------+--------------------+-----------+--------------------------+-----------------------|");
        var baseline = Median(results.Where(r => r.Row == rows[0].Name).Select(r => r.PerSecond));
        foreach (var row in rows)
        {
            var mine = results.Where(r => r.Row == row.Name).ToList();
            var perSecond = Median(mine.Select(r => r.PerSecond));
            var accept = row.Durable ? Percentiles(mine.SelectMany(r => r.Accept)) : "-";
            text.AppendLine($"| {row.Description,-40} | {perSecond,18:N0} | {perSecond / baseline,8:F2}x | {accept,24} | {Percentiles(mine.SelectMany(r => r.EndToEnd)),21} |");
        }
        text.Append($"{records:N0} x {size} B per run, {Window:N0} unanswered at most, max-batch-size {batchSize:N0}; {rounds} interleaved round(s) after a warm-up; medians. ")
            .Append($"{DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores.");
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? "-" : $"{sorted[sorted.Length / 2]:N1} ms / {sorted[(int)(sorted.Length * 0.99)]:N1} ms";
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kafka-actors-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
