using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// A record's terminal outcome when it could not be delivered to its topic: the envelope (and so the
/// caller's context), why it was given up on, the last error (none when it never failed: a shutdown
/// before its outcome was known), and where its copy went on the dead-letter topic, or why not.
/// </summary>
public sealed class DeadLettered<TKey, TValue, TContext> : IProduceReply<TKey, TValue, TContext>
{
    public DeadLettered(ProducerEnvelope<TKey, TValue, TContext> envelope, DeadLetterCause cause, int attempts,
        DeliveryError? lastError, DateTimeOffset? firstFailureAt, DateTimeOffset? lastFailureAt,
        TopicPartitionOffset? deadLetterTopicPartitionOffset = null, DeliveryError? publishError = null)
    {
        Envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));
        Cause = cause;
        Attempts = attempts;
        LastError = lastError;
        FirstFailureAt = firstFailureAt;
        LastFailureAt = lastFailureAt;
        DeadLetterTopicPartitionOffset = deadLetterTopicPartitionOffset;
        PublishError = publishError;
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; }

    public DeadLetterCause Cause { get; }

    /// <summary>Sends made, including the first.</summary>
    public int Attempts { get; }

    /// <summary>Why the last send failed; null when no send failed (a <see cref="DeadLetterCause.Shutdown"/> first).</summary>
    public DeliveryError? LastError { get; }

    /// <summary>When the first send failed; null when none did.</summary>
    public DateTimeOffset? FirstFailureAt { get; }

    /// <summary>When the last send failed; null when none did.</summary>
    public DateTimeOffset? LastFailureAt { get; }

    /// <summary>Where the copy landed on the dead-letter topic; null when not published.</summary>
    public TopicPartitionOffset? DeadLetterTopicPartitionOffset { get; }

    /// <summary>Why publishing to the dead-letter topic failed; null when it succeeded or was not attempted.</summary>
    public DeliveryError? PublishError { get; }

    /// <summary>The copy is on the dead-letter topic.</summary>
    public bool Published => DeadLetterTopicPartitionOffset is not null;

    /// <summary>The same dead letter, with the result of publishing its copy.</summary>
    public DeadLettered<TKey, TValue, TContext> WithPublishResult(TopicPartitionOffset? copyAt, DeliveryError? publishError) =>
        new(Envelope, Cause, Attempts, LastError, FirstFailureAt, LastFailureAt, copyAt, publishError);

    IProducerEnvelope<TKey, TValue, TContext> IProduceReply<TKey, TValue, TContext>.Envelope => Envelope;

    public override string ToString() =>
        $"DeadLettered({Envelope.Topic}, {Cause}, attempts {Attempts}{(LastError is null ? "" : $", {LastError}")}{(Published ? $", copy at {DeadLetterTopicPartitionOffset}" : PublishError is null ? "" : $", copy not published: {PublishError}")})";
}
