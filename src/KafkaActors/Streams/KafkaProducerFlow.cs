using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The producer flow: every envelope that goes in comes out exactly once as a
/// <see cref="DeliveryOutcome{TKey,TValue,TContext}"/> — Delivered with where it landed, or Failed
/// with why — carrying the very envelope (and so the context) that went in. One bad record never
/// fails, stalls or drops the stream.
/// </summary>
public static class KafkaProducerFlow
{
    /// <param name="settings">Client properties, serializers and the flow's own knobs.</param>
    /// <param name="producer">
    /// A producer the caller owns and may share across flows: the flow neither builds nor disposes one, and
    /// <paramref name="settings"/>' client properties and serializers are not used. Null: the flow builds its own.
    /// </param>
    public static Flow<ProducerEnvelope<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>, NotUsed> Create<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Over<TKey, TValue, TContext, ProducerEnvelope<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>>(
            settings, producer, static e => (e, 1), static (_, outcome) => outcome);
    }

    /// <summary>
    /// INTERNAL API. The stage over any element that names its envelope and attempt; each outcome leaves
    /// built from the element that went in, so callers keep per-record state without a lookup.
    /// </summary>
    internal static Flow<TIn, TOut, NotUsed> Over<TKey, TValue, TContext, TIn, TOut>(
        ProducerPipelineSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer,
        Func<TIn, (ProducerEnvelope<TKey, TValue, TContext> Envelope, int Attempt)> unpack,
        Func<TIn, DeliveryOutcome<TKey, TValue, TContext>, TOut> complete)
    {
        IGraph<FlowShape<TIn, TOut>, NotUsed> stage = new KafkaProducerStage<TKey, TValue, TContext, TIn, TOut>(settings, producer, unpack, complete);
        if (!string.IsNullOrEmpty(settings.UseDispatcher)) stage = stage.WithAttributes(ActorAttributes.CreateDispatcher(settings.UseDispatcher));
        return Flow.FromGraph(stage);
    }
}
