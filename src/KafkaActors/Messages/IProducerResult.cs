namespace KafkaActors;

/// <summary>
/// What leaves the producer flow for each envelope, one per kind:
/// <see cref="DeliveryOutcome{TKey,TValue,TContext}"/> (Delivered or Failed, for one record),
/// <see cref="MultiDeliveryOutcome{TKey,TValue,TContext}"/> (every record's) and
/// <see cref="PassedThrough{TKey,TValue,TContext}"/> (the context alone).
/// </summary>
public interface IProducerResult<TKey, TValue, TContext>
{
    /// <summary>The very envelope that went in.</summary>
    IProducerEnvelope<TKey, TValue, TContext> Envelope { get; }

    TContext Context { get; }
}
