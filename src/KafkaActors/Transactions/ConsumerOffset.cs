using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Where one consumed record sits and which consumer group read it: the context a consume-transform-produce
/// loop gives the transactional flow, so the input's offset is committed in the same transaction as the output
/// (<c>SendOffsetsToTransaction</c>). The transaction commits <c>Consumed.Offset + 1</c>, the next record to read.
/// </summary>
public sealed record ConsumerOffset(TopicPartitionOffset Consumed, IConsumerGroupMetadata GroupMetadata)
{
    /// <summary>The offset the group resumes from once this record's transaction is committed.</summary>
    public TopicPartitionOffset Next => new(Consumed.TopicPartition, Consumed.Offset + 1);

    public override string ToString() => $"ConsumerOffset({Consumed})";
}
