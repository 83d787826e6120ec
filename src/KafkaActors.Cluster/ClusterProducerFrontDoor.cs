using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cluster.Submitting;

namespace KafkaActors.Cluster;

/// <summary>
/// The front door to the producer cluster: every node that submits records runs one (or more, one per
/// key/value/context types). Same contract as the local producer actor: send
/// <see cref="Produce{TKey,TValue,TContext}"/>, get exactly one <see cref="IProduceReply{TKey,TValue,TContext}"/>
/// back — Produced or DeadLettered, with your envelope and context — or
/// <see cref="ProduceRejected{TKey,TValue,TContext}"/> at once when its pending set is full.
/// <para>
/// Keys and values are serialized here, with your Confluent serializers; only bytes cross the wire. The
/// context never crosses it: it waits in this actor's pending set and is put back on the outcome, so any
/// context works, serializable or not (an <c>IActorRef</c>, a <c>TaskCompletionSource</c>, a lambda).
/// </para>
/// <para>
/// Delivery is at-least-once: a record is sent again (same <c>kafka-actors.record-id</c> header) when the
/// node that held it leaves the cluster or when no answer arrives in time, so the topic may rarely hold
/// a record twice. The caller still gets exactly one answer.
/// </para>
/// </summary>
public static class ClusterProducerFrontDoor
{
    /// <summary>Props of a front door over the buckets that <paramref name="producing"/> started on this node.</summary>
    public static Props Props<TKey, TValue, TContext>(ClusterProducing producing,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(producing);
        return Props<TKey, TValue, TContext>(producing.Settings, producing.Buckets, keySerializer, valueSerializer);
    }

    internal static Props Props<TKey, TValue, TContext>(ClusterProducingSettings settings, IActorRef buckets,
        ISerializer<TKey>? keySerializer, ISerializer<TValue>? valueSerializer, Func<Address, IActorRef>? inboxOf = null)
    {
        // Fail here, in the caller's code, rather than when the actor starts.
        _ = new RecordEncoder<TKey, TValue>(keySerializer, valueSerializer);
        return Akka.Actor.Props.Create(() => new Submitter<TKey, TValue, TContext>(settings, buckets, keySerializer, valueSerializer, inboxOf));
    }
}
