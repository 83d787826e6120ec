using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Retry;

/// <summary>The retry supervisor keeps its waiting records where its restarted self finds them.</summary>
public class RetrySupervisorCrashTests : ProducerActorSpec
{
    [FaultInjectionFact]
    public async Task A_crashed_supervisor_restarts_with_its_pending_retries_and_delivers_them()
    {
        CreateTopics();
        using var metrics = new MetricsRecorder(Topic);
        var notified = new OutcomeLog();
        var failures = new RecordingListener(signalAfter: 5);
        var settings = Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")])
            .WithRetry(r => r.WithBackoff(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), 0));
        var producer = StartProducer(settings, notified, failures);

        // Five requests at most for five records, each refused: every first attempt fails, then the broker heals.
        Kafka.PushProduceErrors(Enumerable.Repeat(ErrorCode.RequestTimedOut, 5).ToArray());
        for (var id = 0; id < 5; id++) producer.Tell(Produce(Envelope(id)));
        await failures.Signalled.WaitAsync(TimeSpan.FromSeconds(30));
        Kafka.ClearProduceErrors();
        Assert.Equal(5, metrics.Gauge(KafkaActorsMetrics.PendingRetries));

        var supervisor = await Sys.ActorSelection(producer.Path / "retry-supervisor").ResolveOne(TimeSpan.FromSeconds(5));
        EventFilter.Warning(contains: "restarted with 5 pending retries").ExpectOne(() => supervisor.Tell(Kill.Instance));

        await notified.WhenTerminal(5).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(notified.DeadLettered);
        Assert.All(notified.Delivered, d => Assert.Equal(2, d.Attempts));
        Assert.Equal(0, metrics.Gauge(KafkaActorsMetrics.PendingRetries));
    }
}
