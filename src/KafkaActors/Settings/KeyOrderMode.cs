namespace KafkaActors;

/// <summary>
/// How the producer actor keeps each key's records in submission order (<c>kafka-actors.retry.preserve-key-order</c>).
/// Records with a null key are never ordered.
/// </summary>
public enum KeyOrderMode
{
    /// <summary>
    /// <c>on</c>, the default: a key's records may be in flight together (the client keeps a partition's
    /// records in order through its own retries, which needs <c>enable.idempotence = true</c> or
    /// <c>max.in.flight.requests.per.connection = 1</c>). When one fails and waits for a pipeline retry, the
    /// key's records not yet sent wait behind it and its records in flight that fail too are re-sent after it,
    /// in order. A later record already in flight can still land before the earlier one's retry: each such
    /// reorder is counted (<c>kafka_actors.key_order_violations</c>) and logged once per key.
    /// </summary>
    On,

    /// <summary><c>strict</c>: a key has at most one record in flight or waiting for retry; no reorder ever, one round trip per record of a key.</summary>
    Strict,

    /// <summary><c>off</c>: records go as they come; a retried record lands after later records of its key.</summary>
    Off,
}
