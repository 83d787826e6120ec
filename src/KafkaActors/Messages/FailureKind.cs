namespace KafkaActors;

/// <summary>What a failure means for the record: may it be sent again?</summary>
public enum FailureKind
{
    /// <summary>Transient: the same record may succeed if sent again later.</summary>
    Retriable,

    /// <summary>Sending the same record again cannot succeed (too large, not authorized, bad input).</summary>
    Permanent,

    /// <summary>The producer instance died (e.g. fenced idempotent producer); a new producer may succeed.</summary>
    Fatal,
}
