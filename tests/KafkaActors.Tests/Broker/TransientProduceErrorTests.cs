using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Broker;

/// <summary>
/// Transient broker errors on Produce, as librdkafka handles them before our code sees anything.
/// The contract our retry logic relies on: rows 1–3 of the fault table in EMBEDDED_BROKER.md.
/// </summary>
public class TransientProduceErrorTests(ITestOutputHelper output)
{
    private const ErrorCode NotLeader = ErrorCode.NotLeaderForPartition;

    [FaultInjectionTheory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task Not_leader_for_partition_is_retried_inside_the_client_even_with_retries_disabled(int? retries)
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output, c => c.MessageSendMaxRetries = retries);
        stage.Kafka.PushProduceErrors(NotLeader, NotLeader, NotLeader);

        var delivery = await stage.SendAsync();

        Assert.False(delivery.Error.IsError, delivery.ToString());
        Assert.Equal(PersistenceStatus.Persisted, delivery.Report.Status);
        Assert.Equal(4, delivery.ProduceRequests); // three refused, one accepted
    }

    [FaultInjectionFact]
    public async Task Request_timed_out_three_times_is_retried_and_delivered_by_default()
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output);
        stage.Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut);

        var delivery = await stage.SendAsync();

        Assert.False(delivery.Error.IsError, delivery.ToString());
        Assert.Equal(PersistenceStatus.Persisted, delivery.Report.Status);
        Assert.Equal(4, delivery.ProduceRequests);
    }

    [FaultInjectionFact]
    public async Task Request_timed_out_with_retries_disabled_surfaces_as_a_request_timed_out_broker_error()
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output, c => c.MessageSendMaxRetries = 0);
        stage.Kafka.PushProduceErrors(ErrorCode.RequestTimedOut);

        var delivery = await stage.SendAsync();

        Assert.Equal(ErrorCode.RequestTimedOut, delivery.Error.Code);
        Assert.True(delivery.Error.IsBrokerError);
        Assert.False(delivery.Error.IsFatal);
        Assert.Equal(PersistenceStatus.PossiblyPersisted, delivery.Report.Status); // the request reached the broker
        Assert.Equal(1, delivery.ProduceRequests);
    }

    [FaultInjectionFact]
    public async Task Request_timed_out_until_the_message_timeout_fails_as_local_message_timed_out()
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output, c => c.MessageTimeoutMs = 1500);
        stage.Kafka.PushProduceErrors(Enumerable.Repeat(ErrorCode.RequestTimedOut, 1000).ToArray());

        var delivery = await stage.SendAsync();

        Assert.Equal(ErrorCode.Local_MsgTimedOut, delivery.Error.Code);
        Assert.True(delivery.Error.IsLocalError);
        Assert.Equal(PersistenceStatus.PossiblyPersisted, delivery.Report.Status);
        Assert.InRange(delivery.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(10));
        Assert.True(delivery.ProduceRequests > 1, "the client retried until the message timed out");
    }
}
