using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// One record from <see cref="CommittableSource"/>, with the offset to commit once what it turned into is
/// committed: pass <see cref="Offset"/> as (part of) the envelope's context and <c>offsetOf</c> to the transactional flow.
/// </summary>
public sealed record ConsumedRecord<TKey, TValue>(ConsumeResult<TKey, TValue> Record, ConsumerOffset Offset)
{
    public Message<TKey, TValue> Message => Record.Message;

    public override string ToString() => $"ConsumedRecord({Record.TopicPartitionOffset})";
}
