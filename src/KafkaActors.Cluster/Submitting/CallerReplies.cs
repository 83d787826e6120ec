using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Submitting;

/// <summary>The caller's one reply, built from what came over the wire (or from why nothing was sent), with its own envelope.</summary>
internal static class CallerReplies<TKey, TValue, TContext>
{
    public static Produced<TKey, TValue, TContext> Delivered(ProducerEnvelope<TKey, TValue, TContext> envelope, RecordDelivered d) =>
        new(new DeliveryOutcome<TKey, TValue, TContext>.Delivered(envelope, d.Attempts,
            new TopicPartitionOffset(envelope.Topic, d.Partition, d.Offset), d.Timestamp, d.Status));

    public static DeadLettered<TKey, TValue, TContext> DeadLettered(ProducerEnvelope<TKey, TValue, TContext> envelope, RecordDeadLettered d) =>
        new(envelope, d.Cause, d.Attempts, d.Error?.ToDeliveryError(), d.FirstFailureAt, d.LastFailureAt,
            d.DeadLetterTopicPartitionOffset, d.PublishError?.ToDeliveryError());

    /// <summary>The key or value could not be serialized here: permanent, and nothing went anywhere.</summary>
    public static DeadLettered<TKey, TValue, TContext> NotSerializable(ProducerEnvelope<TKey, TValue, TContext> envelope, ProduceException<TKey, TValue> e)
    {
        var error = new DeliveryError(e.Error.Code, e.Error.Reason, FailureKind.Permanent, IsLocal: true, PersistenceStatus.NotPersisted, e.InnerException ?? e);
        var now = DateTimeOffset.UtcNow;
        return new DeadLettered<TKey, TValue, TContext>(envelope, DeadLetterCause.Permanent, 0, error, now, now);
    }
}
