namespace KafkaActors;

/// <summary>
/// A <see cref="PassThroughEnvelope{TKey,TValue,TContext}"/> coming back: from the flow in order with the
/// envelopes around it; from the producer actor once every record accepted before it is terminal.
/// </summary>
public sealed class PassedThrough<TKey, TValue, TContext> : IProducerResult<TKey, TValue, TContext>, IProduceReply<TKey, TValue, TContext>
{
    public PassedThrough(PassThroughEnvelope<TKey, TValue, TContext> envelope) =>
        Envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));

    public PassThroughEnvelope<TKey, TValue, TContext> Envelope { get; }

    public TContext Context => Envelope.Context;

    IProducerEnvelope<TKey, TValue, TContext> IProducerResult<TKey, TValue, TContext>.Envelope => Envelope;

    IProducerEnvelope<TKey, TValue, TContext> IProduceReply<TKey, TValue, TContext>.Envelope => Envelope;

    public override string ToString() => "PassedThrough";
}
