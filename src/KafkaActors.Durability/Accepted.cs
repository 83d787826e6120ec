namespace KafkaActors.Durability;

/// <summary>
/// The record is in the journal: it will reach its topic (or the dead-letter topic) even if this process
/// dies now — a restarted durable producer sends it again. Sent to whoever asked with
/// <see cref="ProduceWithAcceptance{TContext}"/>, before the record's terminal reply.
/// </summary>
public sealed record Accepted<TContext>(ProducerEnvelope<byte[]?, byte[], TContext> Envelope, Guid RecordId)
    : IProduceReply<byte[]?, byte[], TContext>
{
    IProducerEnvelope<byte[]?, byte[], TContext> IProduceReply<byte[]?, byte[], TContext>.Envelope => Envelope;

    public override string ToString() => $"Accepted({Envelope}, record {RecordId})";
}
