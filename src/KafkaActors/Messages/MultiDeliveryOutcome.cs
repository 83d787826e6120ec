namespace KafkaActors;

/// <summary>The flow's result for a <see cref="MultiEnvelope{TKey,TValue,TContext}"/>: each record's outcome, in record order.</summary>
public sealed class MultiDeliveryOutcome<TKey, TValue, TContext> : IProducerResult<TKey, TValue, TContext>
{
    public MultiDeliveryOutcome(MultiEnvelope<TKey, TValue, TContext> envelope, IReadOnlyList<DeliveryOutcome<TKey, TValue, TContext>> parts)
    {
        Envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));
        Parts = parts ?? throw new ArgumentNullException(nameof(parts));
    }

    public MultiEnvelope<TKey, TValue, TContext> Envelope { get; }

    /// <summary>One outcome per record, at the record's index in <see cref="MultiEnvelope{TKey,TValue,TContext}.Records"/>.</summary>
    public IReadOnlyList<DeliveryOutcome<TKey, TValue, TContext>> Parts { get; }

    /// <summary>Every record was delivered.</summary>
    public bool AllDelivered => Parts.All(p => p is DeliveryOutcome<TKey, TValue, TContext>.Delivered);

    public TContext Context => Envelope.Context;

    IProducerEnvelope<TKey, TValue, TContext> IProducerResult<TKey, TValue, TContext>.Envelope => Envelope;

    public override string ToString() => $"MultiDeliveryOutcome({Parts.Count(p => p is DeliveryOutcome<TKey, TValue, TContext>.Delivered)} of {Parts.Count} delivered)";
}
