using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Tests.Transactions;

/// <summary>
/// What librdkafka 2.16's mock cluster does not do for transactions (read in its rdkafka_mock_handlers.c and
/// measured here, 2026-12-01), pinned so that a librdkafka that fixes them fails these facts and the
/// <see cref="Support.RealKafkaFactAttribute"/> tests can move to the embedded broker.
/// </summary>
public class EmbeddedTransactionFacts : TransactionalFlowSpec
{
    [Fact]
    public void Aborted_records_that_reached_the_broker_stay_visible_to_read_committed_consumers()
    {
        var topic = NewTopic("facts-abort");
        using var producer = Transactional("facts-abort");
        producer.BeginTransaction();
        producer.Produce(topic, new Message<string, string> { Key = "k", Value = "aborted" });
        producer.Flush(ReadTimeout);
        producer.AbortTransaction(ReadTimeout);

        Assert.Equal(["aborted"], Values(topic)); // a real Kafka shows nothing here
    }

    [Fact]
    public void A_second_producer_with_the_same_transactional_id_does_not_fence_the_first()
    {
        var topic = NewTopic("facts-fence");
        using var first = Transactional("facts-fence");
        using var second = Transactional("facts-fence"); // a real Kafka bumps the epoch here: first is fenced

        first.BeginTransaction();
        first.Produce(topic, new Message<string, string> { Key = "k", Value = "from the first" });
        first.CommitTransaction(ReadTimeout);

        Assert.Equal(["from the first"], Values(topic));
    }

    [Fact]
    public void Offsets_sent_to_a_transaction_are_not_stored_for_the_group()
    {
        var topic = NewTopic("facts-offsets");
        using var producer = Transactional("facts-offsets");
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "facts-group" }).Build();
        var consumed = new TopicPartitionOffset(topic, 0, 41);

        producer.BeginTransaction();
        producer.Produce(topic, new Message<string, string> { Key = "k", Value = "v" });
        producer.SendOffsetsToTransaction([consumed], consumer.ConsumerGroupMetadata, ReadTimeout);
        producer.CommitTransaction(ReadTimeout);

        Assert.Equal(Offset.Unset, consumer.Committed([consumed.TopicPartition], ReadTimeout).Single().Offset); // a real Kafka: 41
    }

    private IProducer<string, string> Transactional(string id)
    {
        var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = BootstrapServers, TransactionalId = id }).Build();
        producer.InitTransactions(ReadTimeout);
        return producer;
    }
}
