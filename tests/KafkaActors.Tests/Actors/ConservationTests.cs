using System.Diagnostics;
using Akka.Actor;
using Confluent.Kafka;
using CsCheck;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Actors;

/// <summary>
/// The law the pipeline exists for: for N records accepted, exactly N terminal outcomes — Delivered
/// or DeadLettered — each record once, to the notified actors and to the senders alike, whatever fails.
/// </summary>
public class ConservationTests : ProducerActorSpec
{
    private static readonly ErrorCode[] TransientErrors = [ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas, ErrorCode.NotLeaderForPartition];
    private readonly ITestOutputHelper _output;

    public ConservationTests(ITestOutputHelper output) : base(config: "akka.loglevel = WARNING", output: output) => _output = output;

    [FaultInjectionFact]
    public async Task Fifty_thousand_records_through_transient_errors_an_outage_and_permanent_failures_each_get_exactly_one_terminal_outcome()
    {
        const int total = 50_000;
        int[] oversize = [101, 20_202, 33_303, 44_404, 49_999];
        CreateTopics(partitions: 4);
        var notified = new OutcomeLog();
        var replies = new OutcomeLog();
        var timedOut = new RecordingListener(signalWhen: f => f.Error.Code == ErrorCode.Local_MsgTimedOut);
        var producer = StartProducer(FaultTolerantSettings(maxAttempts: 30).WithIntakeBufferSize(total)
            .WithRetry(r => r.WithPreserveKeyOrder(KeyOrderMode.Strict)), notified, timedOut);
        var random = new Random(50_000);
        Kafka.PushProduceErrors(Enumerable.Range(0, 3000).Select(_ => random.Next(12) == 0 ? TransientErrors[random.Next(TransientErrors.Length)] : ErrorCode.NoError).ToArray());
        var sender = replies.StartRecorder(Sys);
        var clock = Stopwatch.StartNew();

        for (var id = 0; id < total; id++)
            producer.Tell(Produce(Envelope(id, keys: 1000, value: oversize.Contains(id) ? new string('x', 2_000_000) : null)), sender);
        await notified.WhenTerminal(15_000).WaitAsync(TimeSpan.FromSeconds(60));
        Kafka.SetBrokerDown(1); // until records in flight time out (message.timeout.ms) and go round the retry loop
        await timedOut.Signalled.WaitAsync(TimeSpan.FromSeconds(60));
        Kafka.SetBrokerUp(1);
        await Task.WhenAll(notified.WhenTerminal(total), replies.WhenTerminal(total)).WaitAsync(TimeSpan.FromSeconds(120));
        _output.WriteLine($"{total} records in {clock.Elapsed.TotalSeconds:F1} s; {Conservation.Summary(notified)}; failed attempts seen {timedOut.Errors.Count}");

        Conservation.AssertExactlyOnce(notified, total);
        Conservation.AssertExactlyOnce(replies, total);
        Assert.Equal(oversize, notified.DeadLettered.Where(d => d.Cause == DeadLetterCause.Permanent).Select(d => d.Envelope.Context).Order());
        Assert.Contains(notified.Delivered, d => d.Attempts > 1);
        Conservation.AssertKeyOrder(notified.Delivered);
    }

    [FaultInjectionFact]
    public async Task Conservation_holds_over_random_fault_schedules()
    {
        var schedules =
            from records in Gen.Int[100, 800]
            from keys in Gen.Int[5, 60]
            from errors in Gen.OneOfConst([ErrorCode.NoError, ErrorCode.NoError, ErrorCode.NoError, .. TransientErrors, ErrorCode.MsgSizeTooLarge]).Array[0, 80]
            from outageAfter in Gen.Int[0, records].Select(Gen.Bool, (at, outage) => outage ? at : (int?)null)
            from oversize in Gen.Int[0, records - 1].Array[0, 3]
            from maxAttempts in Gen.Int[1, 6]
            from preserveKeyOrder in Gen.Enum<KeyOrderMode>()
            from bounds in Gen.Select(Gen.Int[1, 40], Gen.Int[1, 40], Gen.Int[1, 500]) // small bounds: where a stall would show
            select new FaultSchedule(records, keys, errors, outageAfter, oversize.Distinct().ToArray(), maxAttempts, preserveKeyOrder, bounds);

        await schedules.SampleAsync(Run, iter: 8, threads: 1);
    }

    private async Task Run(FaultSchedule schedule)
    {
        var topic = $"property-{Guid.NewGuid():N}";
        CreateTopics(topic, partitions: 3);
        Kafka.ClearProduceErrors();
        var notified = new OutcomeLog();
        var replies = new OutcomeLog();
        var (maxPendingRetries, maxHeldRecords, maxInFlight) = schedule.Bounds;
        var settings = FaultTolerantSettings(schedule.MaxAttempts)
            .WithRetry(r => r.WithPreserveKeyOrder(schedule.PreserveKeyOrder).WithMaxPendingRetries(maxPendingRetries).WithMaxHeldRecords(maxHeldRecords))
            .WithProducer(p => p.WithMaxInFlight(maxInFlight));
        using var metrics = new MetricsRecorder(topic);
        var producer = StartProducer(settings, notified);
        var sender = replies.StartRecorder(Sys);
        Kafka.PushProduceErrors(schedule.Errors);

        for (var id = 0; id < schedule.Records; id++)
            producer.Tell(Produce(ProducerEnvelope.Create(topic, $"key-{id % schedule.Keys}",
                schedule.Oversize.Contains(id) ? new string('x', 2_000_000) : $"value-{id}", id)), sender);
        if (schedule.OutageAfter is { } after)
        {
            await notified.WhenTerminal(after).WaitAsync(TimeSpan.FromSeconds(60));
            Kafka.SetBrokerDown(1);
            await Task.Delay(TimeSpan.FromMilliseconds(1200)); // the fault's length, longer than message.timeout.ms; not a wait for a result
            Kafka.SetBrokerUp(1);
        }
        await Task.WhenAll(notified.WhenTerminal(schedule.Records), replies.WhenTerminal(schedule.Records)).WaitAsync(TimeSpan.FromSeconds(90));
        await StopGracefully(producer, notified, schedule.Records);
        _output.WriteLine($"{schedule}: {Conservation.Summary(notified)}");

        Conservation.AssertExactlyOnce(notified, schedule.Records);
        Conservation.AssertExactlyOnce(replies, schedule.Records);
        Assert.All(schedule.Oversize, id => Assert.Contains(notified.DeadLettered, d => d.Envelope.Context == id && d.Cause == DeadLetterCause.Permanent));
        Assert.All(notified.DeadLettered, d => Assert.True(
            d.Cause == DeadLetterCause.Permanent ? d.LastError!.Kind == FailureKind.Permanent : d.Attempts == schedule.MaxAttempts, d.ToString()));
        if (schedule.PreserveKeyOrder == KeyOrderMode.Strict) Conservation.AssertKeyOrder(notified.Delivered);
        if (schedule.PreserveKeyOrder == KeyOrderMode.On)
            Assert.Equal(Conservation.Reorders(notified.Delivered), metrics.Count(KafkaActorsMetrics.KeyOrderViolations));
    }

    /// <summary>Broker errors surface, an outage times records out after a second, retries come quickly.</summary>
    private ProducerActorSettings<string, string> FaultTolerantSettings(int maxAttempts) =>
        Settings([.. SurfaceBrokerErrors, ("message.timeout.ms", "1000"), ("linger.ms", "5")])
            .WithRetry(r => r.WithMaxAttempts(maxAttempts).WithBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300), 0.5));

    public sealed record FaultSchedule(int Records, int Keys, ErrorCode[] Errors, int? OutageAfter, int[] Oversize, int MaxAttempts, KeyOrderMode PreserveKeyOrder,
        (int MaxPendingRetries, int MaxHeldRecords, int MaxInFlight) Bounds)
    {
        public override string ToString() =>
            $"{Records} records, {Keys} keys, errors {{{string.Join(" ", Errors.GroupBy(e => e).Select(g => $"{g.Key}={g.Count()}"))}}}, " +
            $"outage after {OutageAfter?.ToString() ?? "none"}, oversize [{string.Join(",", Oversize)}], max-attempts {MaxAttempts}, " +
            $"key order {PreserveKeyOrder.ToString().ToLowerInvariant()}, max-pending-retries {Bounds.MaxPendingRetries}, max-held-records {Bounds.MaxHeldRecords}, max-in-flight {Bounds.MaxInFlight}";
    }
}
