namespace KafkaActors;

/// <summary>
/// The producer actor's answer to a <see cref="MultiEnvelope{TKey,TValue,TContext}"/>, once every record is
/// terminal: each record's <see cref="Produced{TKey,TValue,TContext}"/> or
/// <see cref="DeadLettered{TKey,TValue,TContext}"/>, in record order.
/// </summary>
public sealed class MultiProduceOutcome<TKey, TValue, TContext> : IProduceReply<TKey, TValue, TContext>
{
    public MultiProduceOutcome(MultiEnvelope<TKey, TValue, TContext> envelope, IReadOnlyList<IProduceReply<TKey, TValue, TContext>> parts)
    {
        Envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));
        Parts = parts ?? throw new ArgumentNullException(nameof(parts));
    }

    public MultiEnvelope<TKey, TValue, TContext> Envelope { get; }

    /// <summary>One terminal outcome per record, at the record's index in <see cref="MultiEnvelope{TKey,TValue,TContext}.Records"/>.</summary>
    public IReadOnlyList<IProduceReply<TKey, TValue, TContext>> Parts { get; }

    /// <summary>Every record is on its topic.</summary>
    public bool AllProduced => Parts.All(p => p is Produced<TKey, TValue, TContext>);

    public TContext Context => Envelope.Context;

    IProducerEnvelope<TKey, TValue, TContext> IProduceReply<TKey, TValue, TContext>.Envelope => Envelope;

    public override string ToString() => $"MultiProduceOutcome({Parts.Count(p => p is Produced<TKey, TValue, TContext>)} of {Parts.Count} produced)";
}
