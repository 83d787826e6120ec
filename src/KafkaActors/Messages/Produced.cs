using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// A record's terminal outcome when it is on its topic: the producer actor's answer to a
/// <see cref="Produce{TKey,TValue,TContext}"/>, after however many attempts it took. (The flow's
/// per-attempt element is <see cref="DeliveryOutcome{TKey,TValue,TContext}.Delivered"/>.)
/// </summary>
public sealed class Produced<TKey, TValue, TContext> : IProduceReply<TKey, TValue, TContext>
{
    public Produced(DeliveryOutcome<TKey, TValue, TContext>.Delivered delivery)
    {
        Delivery = delivery ?? throw new ArgumentNullException(nameof(delivery));
    }

    /// <summary>The successful attempt, as the producer stage reported it.</summary>
    public DeliveryOutcome<TKey, TValue, TContext>.Delivered Delivery { get; }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope => Delivery.Envelope;

    /// <summary>Sends made, including the first.</summary>
    public int Attempts => Delivery.Attempt;

    /// <summary>The partition the record landed in.</summary>
    public Partition Partition => Delivery.Partition;

    /// <summary>The record's offset in <see cref="Partition"/>.</summary>
    public Offset Offset => Delivery.Offset;

    /// <summary>Topic, partition and offset together.</summary>
    public TopicPartitionOffset TopicPartitionOffset => Delivery.TopicPartitionOffset;

    public Timestamp Timestamp => Delivery.Timestamp;

    public PersistenceStatus Status => Delivery.Status;

    IProducerEnvelope<TKey, TValue, TContext> IProduceReply<TKey, TValue, TContext>.Envelope => Envelope;

    public override string ToString() => $"Produced({Envelope.Topic} [{Partition.Value}] @{Offset.Value}, attempts {Attempts})";
}
