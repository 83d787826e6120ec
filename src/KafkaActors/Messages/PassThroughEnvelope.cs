namespace KafkaActors;

/// <summary>
/// No record, only a context that comes back in order with the envelopes around it: how a
/// consume-transform-produce loop carries the offset of input that produced no output, so offsets can be
/// committed from the outcome stream without skipping anything.
/// </summary>
public sealed class PassThroughEnvelope<TKey, TValue, TContext> : IProducerEnvelope<TKey, TValue, TContext>
{
    public PassThroughEnvelope(TContext context) => Context = context;

    public TContext Context { get; }

    int IProducerEnvelope<TKey, TValue, TContext>.RecordCount => 0;

    public override string ToString() => "PassThroughEnvelope";
}
