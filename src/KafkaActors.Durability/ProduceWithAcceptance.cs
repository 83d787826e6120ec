namespace KafkaActors.Durability;

/// <summary>
/// Like <see cref="Produce{TKey,TValue,TContext}"/>, and the sender is told <see cref="Accepted{TContext}"/>
/// as soon as the record is in the journal, then gets its terminal reply as usual.
/// </summary>
public sealed record ProduceWithAcceptance<TContext>(ProducerEnvelope<byte[]?, byte[], TContext> Envelope)
{
    public ProducerEnvelope<byte[]?, byte[], TContext> Envelope { get; } = Envelope ?? throw new ArgumentNullException(nameof(Envelope));
}
