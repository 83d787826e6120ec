using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Broker;

/// <summary>
/// Errors no retry can fix: the client reports them at once. Rows 4 and 7 of the fault table in EMBEDDED_BROKER.md.
/// </summary>
public class PermanentProduceErrorTests(ITestOutputHelper output)
{
    private const int MessageMaxBytes = 10_000;

    [FaultInjectionTheory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    public async Task A_permanent_broker_error_surfaces_at_once_without_client_retries(ErrorCode permanent)
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output);
        stage.Kafka.PushProduceErrors(permanent, permanent, permanent);

        var delivery = await stage.SendAsync();

        Assert.Equal(permanent, delivery.Error.Code);
        Assert.True(delivery.Error.IsBrokerError);
        Assert.Equal(PersistenceStatus.NotPersisted, delivery.Report.Status);
        Assert.Equal(1, delivery.ProduceRequests);
    }

    [Fact]
    public void Produce_refuses_a_record_larger_than_message_max_bytes_synchronously()
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output, c => c.MessageMaxBytes = MessageMaxBytes);

        var refused = Assert.Throws<ProduceException<string, string>>(() =>
            stage.Producer.Client.Produce(stage.Topic, OversizedRecord(), _ => Assert.Fail("no delivery report for a refused record")));

        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
        Assert.Equal(0, stage.Kafka.ProduceRequestCount);
    }

    [Fact]
    public async Task ProduceAsync_fails_its_task_for_a_record_larger_than_message_max_bytes()
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output, c => c.MessageMaxBytes = MessageMaxBytes);

        var produce = stage.Producer.Client.ProduceAsync(stage.Topic, OversizedRecord()); // does not throw here

        var refused = await Assert.ThrowsAsync<ProduceException<string, string>>(() => produce);

        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
        Assert.Equal(0, stage.Kafka.ProduceRequestCount);
    }

    private static Message<string, string> OversizedRecord() => new() { Key = "key", Value = new string('x', 2 * MessageMaxBytes) };
}
