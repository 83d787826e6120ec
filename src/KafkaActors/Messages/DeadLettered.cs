using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// A record's terminal outcome when it could not be delivered to its topic: the last failure (with the
/// envelope and so the caller's context), why it was given up on, and where its copy went on the
/// dead-letter topic, or why that publish failed too.
/// </summary>
public sealed class DeadLettered<TKey, TValue, TContext> : IProduceReply<TKey, TValue, TContext>
{
    public DeadLettered(DeliveryOutcome<TKey, TValue, TContext>.Failed lastFailure, DeadLetterReason reason,
        DateTimeOffset firstFailureAt, DateTimeOffset lastFailureAt,
        TopicPartitionOffset? deadLetterTopicPartitionOffset = null, DeliveryError? publishError = null)
    {
        LastFailure = lastFailure ?? throw new ArgumentNullException(nameof(lastFailure));
        Reason = reason;
        FirstFailureAt = firstFailureAt;
        LastFailureAt = lastFailureAt;
        DeadLetterTopicPartitionOffset = deadLetterTopicPartitionOffset;
        PublishError = publishError;
    }

    /// <summary>The failed attempt that ended the record's journey.</summary>
    public DeliveryOutcome<TKey, TValue, TContext>.Failed LastFailure { get; }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope => LastFailure.Envelope;

    /// <summary>Sends made, including the first.</summary>
    public int Attempts => LastFailure.Attempt;

    public DeadLetterReason Reason { get; }

    public DateTimeOffset FirstFailureAt { get; }

    public DateTimeOffset LastFailureAt { get; }

    /// <summary>Where the copy landed on the dead-letter topic; null when not published.</summary>
    public TopicPartitionOffset? DeadLetterTopicPartitionOffset { get; }

    /// <summary>Why publishing to the dead-letter topic failed; null when it succeeded or was not attempted.</summary>
    public DeliveryError? PublishError { get; }

    /// <summary>The copy is on the dead-letter topic.</summary>
    public bool Published => DeadLetterTopicPartitionOffset is not null;

    public override string ToString() =>
        $"DeadLettered({Envelope.Topic}, {Reason}, attempts {Attempts}, {LastFailure.Error}{(Published ? $", copy at {DeadLetterTopicPartitionOffset}" : PublishError is null ? "" : $", copy not published: {PublishError}")})";
}
