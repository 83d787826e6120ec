using System.Diagnostics;
using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The producer actor: how other actors use the pipeline. Send it
/// <see cref="Produce{TKey,TValue,TContext}"/> from anywhere; the sender gets exactly one reply —
/// the record's terminal outcome (Delivered or <see cref="DeadLettered{TKey,TValue,TContext}"/>), or
/// <see cref="ProduceRejected{TKey,TValue,TContext}"/> at once when intake is full — so <c>Ask</c>
/// works and the envelope's context comes back. The success and dead-letter actors, and the listener,
/// see every terminal outcome too.
/// </summary>
public static class KafkaProducerActor
{
    /// <param name="settings">Where to produce, how to retry, where dead letters go.</param>
    /// <param name="successActor">Hears of every record delivered (<see cref="Produced{TKey,TValue,TContext}"/>).</param>
    /// <param name="deadLetterActor">Hears of every record dead-lettered (<see cref="DeadLettered{TKey,TValue,TContext}"/>).</param>
    /// <param name="listener">Callbacks for code that is not an actor.</param>
    /// <param name="producer">
    /// A producer the caller owns and may share: records and dead-letter copies go through it, and it is not
    /// disposed. Null: the actor builds its own from <paramref name="settings"/>.
    /// </param>
    public static Props Props<TKey, TValue, TContext>(ProducerActorSettings<TKey, TValue> settings,
        IActorRef? successActor = null, IActorRef? deadLetterActor = null, IProducerListener<TKey, TValue, TContext>? listener = null,
        IProducer<TKey, TValue>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (producer is null && string.IsNullOrWhiteSpace(settings.Producer.BootstrapServers))
            throw new KafkaActorsConfigurationException($"{ProducerPipelineSettings<TKey, TValue>.ConfigPath}.kafka-clients.bootstrap.servers",
                "not set; say where the Kafka brokers are (host:port[,host:port...])");
        KeyOrderPrerequisite.Check(settings);
        return Akka.Actor.Props.Create(() => new KafkaProducerActor<TKey, TValue, TContext>(settings, producer, successActor, deadLetterActor, listener));
    }
}
