using Akka.Actor;

namespace KafkaActors.Durability;

/// <summary>A record the durable producer holds from its arrival until its terminal outcome is known.</summary>
internal sealed class DurableEntry<TContext>(DurableRecord record, ProducerEnvelope<byte[]?, byte[], TContext> envelope,
    IActorRef? replyTo, bool acknowledgeAcceptance)
{
    public DurableRecord Record { get; } = record;

    public ProducerEnvelope<byte[]?, byte[], TContext> Envelope { get; } = envelope;

    public IActorRef? ReplyTo { get; } = replyTo;

    public bool AcknowledgeAcceptance { get; } = acknowledgeAcceptance;

    /// <summary>When it arrived, for the latency the journal adds.</summary>
    public long ArrivedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
