using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Retry;

/// <summary>Transient failures are retried with backoff until the record is delivered; none becomes a dead letter.</summary>
public class TransientFailureTests : ProducerActorSpec
{
    [FaultInjectionFact]
    public async Task Request_timeouts_are_retried_until_every_record_is_delivered()
    {
        CreateTopics(partitions: 2);
        var notified = new OutcomeLog();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]), notified);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut);

        for (var id = 0; id < 50; id++) producer.Tell(Produce(Envelope(id)));
        await notified.WhenTerminal(50).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(notified.DeadLettered);
        Assert.Equal(Enumerable.Range(0, 50), notified.Delivered.Select(d => d.Envelope.Context).Order());
        Assert.Contains(notified.Delivered, d => d.Attempts > 1);
    }

    [FaultInjectionFact]
    public async Task Records_sent_while_the_brokers_are_down_are_delivered_after_they_come_back()
    {
        CreateTopics();
        var notified = new OutcomeLog();
        var timedOut = new RecordingListener(signalAfter: 10, f => f.Error.Code == ErrorCode.Local_MsgTimedOut);
        var settings = Settings(("message.timeout.ms", "1000"), ("linger.ms", "0")).WithRetry(r => r.WithMaxAttempts(100));
        var producer = StartProducer(settings, notified, timedOut);
        producer.Tell(Produce(Envelope(-1)));
        await notified.WhenTerminal(1).WaitAsync(TimeSpan.FromSeconds(30)); // metadata known before the outage

        Kafka.SetBrokerDown(1);
        for (var id = 0; id < 10; id++) producer.Tell(Produce(Envelope(id)));
        await timedOut.Signalled.WaitAsync(TimeSpan.FromSeconds(60));
        Kafka.SetBrokerUp(1);
        await notified.WhenTerminal(11).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(notified.DeadLettered);
        Assert.All(notified.Delivered.Where(d => d.Envelope.Context >= 0), d => Assert.True(d.Attempts > 1, $"{d} was not retried"));
    }

    [FaultInjectionFact]
    public async Task A_record_that_fails_every_attempt_is_dead_lettered_with_the_attempt_count()
    {
        CreateTopics();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]).WithRetry(r => r.WithMaxAttempts(3)));
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut);

        var reply = await producer.Ask<IProduceReply<string, string, int>>(Produce(Envelope(7)), TimeSpan.FromSeconds(30));

        var deadLettered = Assert.IsType<DeadLettered<string, string, int>>(reply);
        Assert.Equal(DeadLetterCause.AttemptsExhausted, deadLettered.Cause);
        Assert.Equal(3, deadLettered.Attempts);
        Assert.Equal(ErrorCode.RequestTimedOut, deadLettered.LastError!.Code);
        Assert.True(deadLettered.FirstFailureAt < deadLettered.LastFailureAt);
        Assert.True(deadLettered.Published, deadLettered.ToString());
        var copy = Assert.Single(TestConsumer.ReadAll(Kafka.BootstrapServers, DeadLetterTopic, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("3", copy.Header(DeadLetterHeaders.Attempts));
    }

    [FaultInjectionFact]
    public async Task A_classify_override_in_hocon_makes_a_retriable_code_permanent()
    {
        CreateTopics();
        var config = Akka.Configuration.ConfigurationFactory.ParseString("classify { RequestTimedOut = permanent }");
        var settings = Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]);
        settings = settings.WithProducer(p => p.WithClassifier(ProducerPipelineSettings<string, string>.Create(config).Classifier));
        var producer = StartProducer(settings);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut);

        var reply = await producer.Ask<IProduceReply<string, string, int>>(Produce(Envelope(1)), TimeSpan.FromSeconds(30));

        var deadLettered = Assert.IsType<DeadLettered<string, string, int>>(reply);
        Assert.Equal(DeadLetterCause.Permanent, deadLettered.Cause);
        Assert.Equal(1, deadLettered.Attempts);
        Assert.Equal(FailureKind.Permanent, deadLettered.LastError!.Kind);
    }
}
