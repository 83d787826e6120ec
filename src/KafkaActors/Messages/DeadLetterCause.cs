namespace KafkaActors;

/// <summary>Why a record was given up on (<see cref="DeadLettered{TKey,TValue,TContext}.Cause"/>).</summary>
public enum DeadLetterCause
{
    /// <summary>The error can never go away for this record (too large, not authorized, bad input).</summary>
    Permanent,

    /// <summary>Every allowed attempt (<c>kafka-actors.retry.max-attempts</c>) failed.</summary>
    AttemptsExhausted,

    /// <summary>The producer stopped before the record's outcome was known (close-timeout passed, or it was stopped abruptly).</summary>
    Shutdown,
}
