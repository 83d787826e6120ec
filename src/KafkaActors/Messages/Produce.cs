namespace KafkaActors;

/// <summary>
/// Asks the producer actor to produce an envelope: one record, several with one context, or a context alone.
/// The sender gets exactly one <see cref="IProduceReply{TKey,TValue,TContext}"/> back: the terminal outcome,
/// or a rejection.
/// </summary>
public sealed record Produce<TKey, TValue, TContext>(IProducerEnvelope<TKey, TValue, TContext> Envelope)
{
    public IProducerEnvelope<TKey, TValue, TContext> Envelope { get; } = Envelope ?? throw new ArgumentNullException(nameof(Envelope));
}

/// <summary>Shorthands for building <see cref="Produce{TKey,TValue,TContext}"/> commands.</summary>
public static class Produce
{
    public static Produce<TKey, TValue, TContext> Create<TKey, TValue, TContext>(IProducerEnvelope<TKey, TValue, TContext> envelope) => new(envelope);

    public static Produce<TKey, TValue, TContext> Create<TKey, TValue, TContext>(string topic, TKey key, TValue value, TContext context) =>
        new(ProducerEnvelope.Create(topic, key, value, context));
}
