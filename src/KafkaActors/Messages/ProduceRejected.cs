namespace KafkaActors;

/// <summary>
/// The producer actor did not accept the envelope (its intake is full, or it is shutting down).
/// Nothing was sent; the record is the caller's again. Sent at once, never after queueing.
/// </summary>
public sealed record ProduceRejected<TKey, TValue, TContext>(IProducerEnvelope<TKey, TValue, TContext> Envelope, string Reason)
    : IProduceReply<TKey, TValue, TContext>
{
    public override string ToString() => $"ProduceRejected({Envelope}: {Reason})";
}
