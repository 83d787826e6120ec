using System.Threading.Channels;
using Akka.Actor;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <c>kafka-actors bench --latency</c>: raw, raw behind two plain hand-offs, flow and actor at one fixed rate (half the raw client's best
/// measured just before), interleaved rounds on one embedded broker after a warm-up round; p50 and p99 from each
/// record's tick to its outcome (see <see cref="PacedLatency"/>).
/// </summary>
internal static class LatencyBench
{
    public const double AddedP99BarMs = 1.0;

    /// <summary>The reference row: raw behind two plain thread hand-offs (no bar; it says what hops cost here today).</summary>
    public const string RawHandOffPath = "raw-handoff";

    /// <summary>The rows the bar is about.</summary>
    public static readonly IReadOnlySet<string> BarredPaths = new HashSet<string> { "flow", "actor" };

    // Each path runs this long at the rate before the measured rounds, so none of them is timed while its code is still
    // tier-0 JIT output: without it, a path's first round was its worst every time (2026-12-02, 320,000/s: the flow's p99
    // 46-96 ms in round 1 against 9-17 ms after, raw's 16.8 against 7.5-7.9), and with two rounds that was half the median.
    private const double WarmUpSeconds = 1;

    // Every path first sends one record to its topic and waits for it, outside the clock: its producer is then
    // connected and knows the topic, so no path's first records wait for what raw's producer did before it was timed.
    private const int WarmUpContext = -1;
    private static readonly byte[] WarmUpValue = [0];

    /// <param name="fixedRate">Records per second; null: half the raw client's best of two runs of the workload.</param>
    public static async Task<LatencyReport> RunAsync(EmbeddedKafka kafka, BenchEnvironment environment, int? fixedRate, double seconds, int rounds,
        Action<string> log, CancellationToken ct)
    {
        var rate = fixedRate ?? await RawMaximum(kafka, environment, ct) / 2;
        var count = Math.Max(1, (int)(rate * seconds));
        log($"pacing {rate:N0} records/s{(fixedRate is null ? " (half the raw best)" : "")}, {count:N0} records per run");
        var values = PacedLatency.NumberedValues(count, environment.Workload.MessageSize);
        (string Name, Func<string, PacedLatency, Task> Run)[] paths =
        [
            ("raw", (topic, clock) => Raw(environment, topic, values, clock)),
            (RawHandOffPath, (topic, clock) => RawHandOff(environment, topic, values, clock)),
            ("flow", (topic, clock) => Flow(environment, topic, values, clock)),
            ("actor", (topic, clock) => Actor(environment, topic, values, clock)),
        ];
        var results = paths.ToDictionary(p => p.Name, _ => new List<(double P50, double P99)>());
        var refused = paths.ToDictionary(p => p.Name, _ => 0L);
        var warmUpCount = Math.Clamp((int)(rate * WarmUpSeconds), 1, count);
        using var survivors = new GcSurvivors();
        foreach (var (name, run) in paths) await Measure(name, "warm-up", run, warmUpCount, "not counted");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, run) in paths)
            {
                var clock = await Measure(name, $"{round}", run, count);
                results[name].Add(clock.Percentiles());
                refused[name] += clock.Rejected;
            }
        }
        return LatencyReport.Summarize(DateTimeOffset.Now, rate, fixedRate is null, count, rounds, results, refused);

        async Task<PacedLatency> Measure(string name, string round, Func<string, PacedLatency, Task> run, int records, string? remark = null)
        {
            ct.ThrowIfCancellationRequested();
            var topic = $"latency-{name}-{round}";
            kafka.CreateTopic(topic, BenchWorkload.Partitions);
            var clock = new PacedLatency(records, rate);
            var gc = GcActivity.StartClean(survivors);
            await run(topic, clock).WaitAsync(TimeSpan.FromMinutes(2), ct);
            gc = GcActivity.Since(gc, survivors);
            var p = clock.Percentiles();
            log($"round {round} {name}: p50 {p.P50:N2} ms, p99 {p.P99:N2} ms, {gc}" +
                (clock.Rejected > 0 ? $", {clock.Rejected:N0} hand-overs refused (queue or intake full) and made again" : "") +
                (remark is null ? "" : $" ({remark})"));
            return clock;
        }
    }

    private static async Task<double> RawMaximum(EmbeddedKafka kafka, BenchEnvironment environment, CancellationToken ct)
    {
        var best = 0.0;
        for (var i = 0; i < 2; i++)
        {
            var topic = $"latency-raw-max-{i}";
            kafka.CreateTopic(topic, BenchWorkload.Partitions);
            using var run = new RawProducerRun(environment, topic);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await run.ExecuteAsync(ct);
            best = Math.Max(best, environment.Workload.Messages / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static async Task Raw(BenchEnvironment environment, string topic, byte[][] values, PacedLatency clock)
    {
        using var producer = await ConnectedRawProducer(environment, topic);
        Action<DeliveryReport<Null, byte[]>> handler = report => clock.Back(PacedLatency.NumberOf(report.Message.Value));
        await clock.SendAll(i => SendRaw(producer, topic, values[i], handler, clock));
        await clock.AllBack;
    }

    // Raw with a plain hand-off on either side: the pacer queues each record for a thread that produces it, and the
    // delivery handler queues its number for a thread that stops its clock. No pipeline does less between the caller
    // and the client, so what this row adds to raw's p99 is the machine's price for two hops, not any code's.
    private static async Task RawHandOff(BenchEnvironment environment, string topic, byte[][] values, PacedLatency clock)
    {
        using var producer = await ConnectedRawProducer(environment, topic);
        using var back = new HandOffThread("latency-outcomes", clock.Back);
        Action<DeliveryReport<Null, byte[]>> handler = report => back.Add(PacedLatency.NumberOf(report.Message.Value));
        using var sender = new HandOffThread("latency-sender", i => SendRaw(producer, topic, values[i], handler, clock));
        await clock.SendAll(sender.Add);
        await clock.AllBack;
    }

    // The report carries the value: that is how a raw handler knows which record came back.
    private static async Task<IProducer<Null, byte[]>> ConnectedRawProducer(BenchEnvironment environment, string topic)
    {
        var producer = environment.BuildProducer($"{BenchEnvironment.LeanDeliveryReports},value");
        var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        producer.Produce(topic, new Message<Null, byte[]> { Value = WarmUpValue }, _ => warm.TrySetResult());
        await warm.Task;
        return producer;
    }

    // A full librdkafka queue means the raw client cannot keep up with the rate either: counted like the actor's
    // rejections, and the record's latency includes the wait.
    private static void SendRaw(IProducer<Null, byte[]> producer, string topic, byte[] value, Action<DeliveryReport<Null, byte[]>> handler,
        PacedLatency clock) =>
        RawProduce.Send(producer, topic, new Message<Null, byte[]> { Value = value }, handler, clock.Rejection);

    private static async Task Flow(BenchEnvironment environment, string topic, byte[][] values, PacedLatency clock)
    {
        var intake = Channel.CreateUnbounded<ProducerEnvelope<Null, byte[], int>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = ChannelSource.FromReader(intake.Reader)
            .Via(KafkaProducerFlow.Create<Null, byte[], int>(environment.Settings))
            .RunWith(Sink.ForEach<DeliveryOutcome<Null, byte[], int>>(outcome =>
            {
                if (outcome.Envelope.Context == WarmUpContext) warm.TrySetResult();
                else clock.Back(outcome.Envelope.Context);
            }), environment.Materializer);
        intake.Writer.TryWrite(new ProducerEnvelope<Null, byte[], int>(topic, new Message<Null, byte[]> { Value = WarmUpValue }, WarmUpContext));
        await warm.Task;
        await clock.SendAll(i => intake.Writer.TryWrite(new ProducerEnvelope<Null, byte[], int>(topic, new Message<Null, byte[]> { Value = values[i] }, i)));
        intake.Writer.Complete();
        await clock.AllBack;
        await stream;
    }

    /// <param name="intakeBufferSize">The producer actor's intake: large, so that only a path that cannot keep up is refused.</param>
    internal static async Task Actor(BenchEnvironment environment, string topic, byte[][] values, PacedLatency clock, int intakeBufferSize = 100_000)
    {
        var system = environment.System;
        var settings = ProducerActorSettings<Null, byte[]>.Create(system).WithProducer(environment.Settings).WithIntakeBufferSize(intakeBufferSize);
        var actor = system.ActorOf(KafkaProducerActor.Props<Null, byte[], int>(settings));
        var replies = system.ActorOf(Props.Create(() => new ReplyClock(clock, actor)));
        try
        {
            await actor.Ask<IProduceReply<Null, byte[], int>>(new Produce<Null, byte[], int>(
                new ProducerEnvelope<Null, byte[], int>(topic, new Message<Null, byte[]> { Value = WarmUpValue }, WarmUpContext)), TimeSpan.FromSeconds(30));
            await clock.SendAll(i => actor.Tell(new Produce<Null, byte[], int>(
                new ProducerEnvelope<Null, byte[], int>(topic, new Message<Null, byte[]> { Value = values[i] }, i)), replies));
            await clock.AllBack;
        }
        finally
        {
            system.Stop(replies);
            await actor.GracefulStop(TimeSpan.FromSeconds(30), StopProducing.Instance);
        }
    }

    // A full intake means the actor cannot keep up with the rate: the refused record waits here and goes again, its
    // latency including the wait. Refused records go again as room is made, not on a clock: each Produced is a record out
    // of the actor, so one waiting record goes with it, and one more lets the actor's stock grow back after a lull; a tick
    // sends one each millisecond while any wait, in case no answer is left to come. Re-sending every refused record each
    // millisecond (the bench before 2026-12-03) turned a path slightly behind into one that collapsed: 8.7 M refusals for
    // 1.8 M records in a round, each a message, an answer and a timer, and the CPU they took was what the actor needed to
    // catch up.
    private sealed class ReplyClock : ReceiveActor, IWithTimers
    {
        private const int ResentPerAnswer = 2;
        private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

        private readonly PacedLatency _clock;
        private readonly IActorRef _producer;
        private readonly Queue<ProducerEnvelope<Null, byte[], int>> _refused = new();

        public ReplyClock(PacedLatency clock, IActorRef producer)
        {
            _clock = clock;
            _producer = producer;
            Receive<IProduceReply<Null, byte[], int>>(OnReply);
            Receive<ResendTick>(_ =>
            {
                if (_refused.Count == 0) Timers.Cancel(ResendTick.Instance);
                else Resend(1);
            });
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private void OnReply(IProduceReply<Null, byte[], int> reply)
        {
            switch (reply)
            {
                case Produced<Null, byte[], int> produced:
                    _clock.Back(produced.Envelope.Context);
                    Resend(ResentPerAnswer);
                    break;
                case ProduceRejected<Null, byte[], int> { Envelope: ProducerEnvelope<Null, byte[], int> rejected }:
                    _clock.Rejection();
                    _refused.Enqueue(rejected);
                    if (!Timers.IsTimerActive(ResendTick.Instance)) Timers.StartPeriodicTimer(ResendTick.Instance, ResendTick.Instance, Tick);
                    break;
                default:
                    throw new InvalidOperationException($"latency run: {reply}");
            }
        }

        private void Resend(int most)
        {
            for (var i = 0; i < most && _refused.TryDequeue(out var envelope); i++) _producer.Tell(new Produce<Null, byte[], int>(envelope), Self);
        }

        private sealed class ResendTick
        {
            public static readonly ResendTick Instance = new();
        }
    }
}
