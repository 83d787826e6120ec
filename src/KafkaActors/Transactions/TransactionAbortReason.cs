namespace KafkaActors;

/// <summary>Why a transaction, and so every envelope in it, was aborted.</summary>
public enum TransactionAbortReason
{
    /// <summary>A record of the transaction cannot be sent (too large, not authorized, bad input): retrying cannot help.</summary>
    RecordFailed,

    /// <summary>Retriable errors (timeouts, coordinator moves, ...) on every one of <c>retry.max-attempts</c> attempts.</summary>
    AttemptsExhausted,

    /// <summary>The producer died (a fatal error other than fencing); a new one was built for the next transaction.</summary>
    ProducerFailed,

    /// <summary>
    /// Another producer took over this <c>transactional.id</c>: this instance is a zombie. It sends nothing more;
    /// every later envelope comes out aborted for the same reason.
    /// </summary>
    Fenced,

    /// <summary>The transactional calls are refused for good (e.g. not authorized for the transactional.id).</summary>
    NotAuthorized,
}
