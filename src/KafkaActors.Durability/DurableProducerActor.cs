using Akka.Actor;
using Confluent.Kafka;

namespace KafkaActors.Durability;

/// <summary>
/// The producer actor in durable mode: a record is accepted only once it is written to the journal (writes
/// are batched), then produced through a regular <see cref="KafkaProducerActor"/>. Terminal outcomes are
/// journaled too, so after a crash a new actor on the same journal sends again, with the same
/// <c>kafka-actors.record-id</c> header, exactly what was accepted and not finished (at-least-once: consumers
/// drop ids they have seen). Send it <see cref="Produce{TKey,TValue,TContext}"/> or
/// <see cref="ProduceWithAcceptance{TContext}"/> with single records; replies are the producer actor's.
/// </summary>
public static class DurableProducerActor
{
    /// <param name="settings">Where to produce, how to retry, where dead letters go.</param>
    /// <param name="durability">Which journal, and its bounds.</param>
    /// <param name="recoveredReplyTo">Gets the terminal replies of records an earlier run accepted (their senders are gone).</param>
    /// <param name="context">How contexts are journaled; null: recovered records carry the default context.</param>
    /// <param name="successActor">Hears of every record delivered.</param>
    /// <param name="deadLetterActor">Hears of every record dead-lettered.</param>
    /// <param name="listener">Callbacks for code that is not an actor.</param>
    /// <param name="producer">A producer the caller owns; null: one is built from <paramref name="settings"/>.</param>
    /// <exception cref="KafkaActorsConfigurationException">The journal cannot be written, reached, or has another schema.</exception>
    public static Props Props<TContext>(ProducerActorSettings<byte[]?, byte[]> settings, DurabilitySettings durability,
        IActorRef? recoveredReplyTo = null, IDurableContext<TContext>? context = null,
        IActorRef? successActor = null, IActorRef? deadLetterActor = null, IProducerListener<byte[]?, byte[], TContext>? listener = null,
        IProducer<byte[]?, byte[]>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(durability);
        var inner = KafkaProducerActor.Props(settings, successActor, deadLetterActor, listener, producer);
        JournalCheck.Verify(durability); // at start, in one line, not as a recovery failure later
        return Akka.Actor.Props.Create(() => new DurableProducerActor<TContext>(settings, durability, inner, recoveredReplyTo, context));
    }
}
