using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// What happened to one envelope on one send attempt, the producer flow's element: <see cref="Delivered"/>
/// or <see cref="Failed"/>. <see cref="Envelope"/> is the very instance that went in, so its context comes
/// back untouched. (The producer actor's terminal answers are <see cref="Produced{TKey,TValue,TContext}"/>
/// and <see cref="DeadLettered{TKey,TValue,TContext}"/>, after retries.)
/// </summary>
public abstract class DeliveryOutcome<TKey, TValue, TContext> : IProducerResult<TKey, TValue, TContext>
{
    private DeliveryOutcome(ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt)
    {
        Envelope = envelope;
        Attempt = attempt;
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; }

    public TContext Context => Envelope.Context;

    IProducerEnvelope<TKey, TValue, TContext> IProducerResult<TKey, TValue, TContext>.Envelope => Envelope;

    /// <summary>Which send this was: 1 for the first, 2 for the first retry, and so on.</summary>
    public int Attempt { get; }

    /// <summary>The broker acknowledged the record.</summary>
    public sealed class Delivered : DeliveryOutcome<TKey, TValue, TContext>
    {
        private TopicPartitionOffset? _topicPartitionOffset;

        public Delivered(ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt,
            TopicPartitionOffset topicPartitionOffset, Timestamp timestamp, PersistenceStatus status)
            : this(envelope, attempt, topicPartitionOffset.Partition, topicPartitionOffset.Offset, timestamp, status)
        {
            _topicPartitionOffset = topicPartitionOffset;
        }

        // The stage's hot path: partition and offset only, the TopicPartitionOffset object when asked for.
        internal Delivered(ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt,
            Partition partition, Offset offset, Timestamp timestamp, PersistenceStatus status)
            : base(envelope, attempt)
        {
            Partition = partition;
            Offset = offset;
            Timestamp = timestamp;
            Status = status;
        }

        /// <summary>The partition the record landed in.</summary>
        public Partition Partition { get; }

        /// <summary>The record's offset in <see cref="Partition"/>.</summary>
        public Offset Offset { get; }

        /// <summary>Topic, partition and offset together.</summary>
        public TopicPartitionOffset TopicPartitionOffset => _topicPartitionOffset ??= new TopicPartitionOffset(Envelope.Topic, Partition, Offset);

        public Timestamp Timestamp { get; }
        public PersistenceStatus Status { get; }

        public override string ToString() => $"Delivered({Envelope.Topic} [{Partition.Value}] @{Offset.Value}, attempt {Attempt})";
    }

    /// <summary>This attempt failed; <see cref="Error"/> says why and whether another attempt may help.</summary>
    public sealed class Failed : DeliveryOutcome<TKey, TValue, TContext>
    {
        public Failed(ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt, DeliveryError error)
            : base(envelope, attempt)
        {
            Error = error;
        }

        public DeliveryError Error { get; }

        public override string ToString() => $"Failed({Envelope.Topic}, attempt {Attempt}, {Error})";
    }
}
