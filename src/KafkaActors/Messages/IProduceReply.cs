namespace KafkaActors;

/// <summary>
/// What the producer actor answers to a <see cref="Produce{TKey,TValue,TContext}"/>: the record's
/// terminal outcome (<see cref="Produced{TKey,TValue,TContext}"/> or
/// <see cref="DeadLettered{TKey,TValue,TContext}"/>; for several records <see cref="MultiProduceOutcome{TKey,TValue,TContext}"/>,
/// for a context alone <see cref="PassedThrough{TKey,TValue,TContext}"/>), or
/// <see cref="ProduceRejected{TKey,TValue,TContext}"/> when it was never accepted. One type to <c>Ask</c> for.
/// </summary>
public interface IProduceReply<TKey, TValue, TContext>
{
    /// <summary>The very envelope that was sent in the Produce; its <c>Context</c> is the caller's.</summary>
    IProducerEnvelope<TKey, TValue, TContext> Envelope { get; }
}
