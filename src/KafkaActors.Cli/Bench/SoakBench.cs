using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Confluent.Kafka;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <c>kafka-actors bench --soak</c>: keyed records (1,000 keys, 100 B values, 10,000 unanswered at most)
/// through one <see cref="KafkaProducerActor"/> on a 3-broker embedded cluster under a fault schedule —
/// bursts of retriable errors, one broker down 2 s, every broker down 3 s once — sampling the process's
/// working set. Passes when every record is answered exactly once and the peak stays under the bar.
/// The embedded brokers live in this process, so their stored records count against the bar too.
/// </summary>
internal static class SoakBench
{
    public const int DefaultRecords = 1_000_000;
    public const int Keys = 1_000;
    public const long WorkingSetBarBytes = 300L * 1024 * 1024;
    private const string Topic = "soak";

    public static async Task<SoakReport> RunAsync(int records, Action<string> log, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start(3);
        kafka.CreateTopic(Topic, 8);
        kafka.CreateTopic($"{Topic}.DLT", 3);
        var system = ActorSystem.Create("kafka-actors-soak", Configuration(kafka.BootstrapServers));
        using var sampler = new WorkingSetSampler();
        using var violations = new KeyOrderViolations(Topic);
        try
        {
            var settings = ProducerActorSettings<byte[], byte[]>.Create(system);
            var producer = system.ActorOf(KafkaProducerActor.Props<byte[], byte[], int>(settings), "soak-producer");
            var keys = Enumerable.Range(0, Keys).Select(k => Encoding.UTF8.GetBytes($"key-{k}")).ToArray();
            var payload = Encoding.UTF8.GetBytes(new string('v', 100));
            var answers = new AnswerCounts<byte[], byte[]>(records);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            // Envelopes made as they are sent: a million prepared ones would be the largest thing in memory.
            system.ActorOf(Props.Create(() => new RecordDriver<byte[], byte[]>(producer, records,
                i => new ProducerEnvelope<byte[], byte[], int>(Topic, new Message<byte[], byte[]> { Key = keys[i % Keys], Value = payload }, i),
                answers, ProducerActorRun.Window, done)));
            var faults = new SoakFaults(kafka, () => answers.AnsweredCount / (double)records, log);
            var faultRun = faults.RunAsync(done.Task, ct);
            while (!done.Task.IsCompleted)
            {
                await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(2), ct));
                log(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{answers.AnsweredCount:N0}/{records:N0} answered, working set {sampler.CurrentBytes / 1048576.0:N0} MB (peak {sampler.PeakBytes / 1048576.0:N0} MB)"));
            }
            var elapsed = clock.Elapsed;
            await faultRun;
            return new SoakReport(DateTimeOffset.Now, records, Keys, elapsed.TotalSeconds, answers.Delivered, answers.DeadLettered, answers.Retried,
                answers.AnsweredOnce, answers.AnsweredTwiceOrMore, records - answers.AnsweredOnce - answers.AnsweredTwiceOrMore, violations.Count,
                sampler.PeakBytes, WorkingSetBarBytes, GC.CollectionCount(2), faults.Applied);
        }
        finally
        {
            await system.Terminate();
        }
    }

    // As the demo: faults reach the retry supervisor (FaultVisibleConfig).
    private static Akka.Configuration.Config Configuration(string bootstrap) => ConfigurationFactory.ParseString($"""
        akka.loglevel = ERROR
        kafka-actors.actor.intake-buffer-size = {ProducerActorRun.Window}
        """).WithFallback(FaultVisibleConfig.For(bootstrap)).WithFallback(StandardErrorLogger.Hocon);
}
