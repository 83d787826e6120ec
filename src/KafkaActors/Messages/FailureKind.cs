namespace KafkaActors;

/// <summary>What a failure means for the record: may it be sent again, and why?</summary>
public enum FailureKind
{
    /// <summary>Transient: the same record may succeed if sent again later.</summary>
    Retriable,

    /// <summary>Sending the same record again cannot succeed (too large, not authorized, bad input).</summary>
    Permanent,

    /// <summary>
    /// The producer instance died (Confluent's <c>Error.IsFatal</c>, e.g. a fenced idempotent producer).
    /// Nothing is wrong with the record: the flow builds a new producer, and the producer actor retries it there.
    /// </summary>
    ProducerFailed,
}
