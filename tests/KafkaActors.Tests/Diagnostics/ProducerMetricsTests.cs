using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Diagnostics;

/// <summary>The KafkaActors meter, seen through a MeterListener as an exporter would, agrees with the outcomes.</summary>
public class ProducerMetricsTests : ProducerActorSpec
{
    [FaultInjectionFact]
    public async Task Counters_histogram_and_gauges_move_consistently_with_the_outcomes()
    {
        const int total = 300;
        CreateTopics(partitions: 2);
        using var metrics = new MetricsRecorder(Topic);
        var notified = new OutcomeLog();
        var listener = new RecordingListener();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors]).WithRetry(r => r.WithMaxAttempts(20)), notified, listener);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.NoError, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);

        for (var id = 0; id < total; id++) producer.Tell(Produce(Envelope(id, value: id is 7 or 8 ? new string('x', 2_000_000) : null)));
        await notified.WhenTerminal(total).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(total, metrics.Count(KafkaActorsMetrics.Accepted));
        Assert.Equal(notified.Delivered.Count, metrics.Count(KafkaActorsMetrics.Delivered));
        Assert.Equal(notified.DeadLettered.Count, metrics.Count(KafkaActorsMetrics.DeadLettered));
        Assert.Equal(2, metrics.Count(KafkaActorsMetrics.DeadLettered, "cause=permanent"));
        Assert.Equal(listener.Errors.Count, metrics.Count(KafkaActorsMetrics.Failed));
        Assert.Equal(listener.Errors.Count(f => f.Error.Kind == FailureKind.Retriable), metrics.Count(KafkaActorsMetrics.Failed, "kind=retriable"));
        Assert.Equal(2, metrics.Count(KafkaActorsMetrics.Failed, "kind=permanent"));
        Assert.Equal(notified.Delivered.Sum(d => d.Attempts - 1) + notified.DeadLettered.Sum(d => d.Attempts - 1), metrics.Count(KafkaActorsMetrics.Retried));
        Assert.True(metrics.Count(KafkaActorsMetrics.Retried) > 0);
        Assert.Equal(notified.Delivered.Count, metrics.Recordings(KafkaActorsMetrics.DeliveryLatency));
        Assert.Equal(0, metrics.Count(KafkaActorsMetrics.Rejected));
        Assert.Equal(total, metrics.Recordings(KafkaActorsMetrics.MessagingOperationDuration));
        Assert.Equal(notified.Delivered.Count + listener.Errors.Count, metrics.Count(KafkaActorsMetrics.MessagingSentMessages));
        Assert.Equal(listener.Errors.Count(f => f.Error.Code == ErrorCode.RequestTimedOut),
            metrics.Count(KafkaActorsMetrics.MessagingSentMessages, "error.type=RequestTimedOut"));
        Assert.Equal(0, metrics.Gauge(KafkaActorsMetrics.InFlight));
        Assert.Equal(0, metrics.Gauge(KafkaActorsMetrics.PendingRetries));
    }
}
