using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The producer flows: every envelope that goes in comes out exactly once — Delivered with where it landed,
/// or Failed with why — carrying the very envelope (and so the context) that went in. One bad record never
/// fails, stalls or drops the stream.
/// </summary>
/// <remarks>
/// Every factory takes an optional <c>producer</c>: one the caller owns and may share across flows. The flow then
/// neither builds nor disposes one, and the settings' client properties and serializers are not used. Null: the
/// flow builds its own from the settings.
/// </remarks>
public static class KafkaProducerFlow
{
    /// <summary>One record per element, outcomes in completion order (or submission order with <c>ordered = on</c>). The fastest flow.</summary>
    public static Flow<ProducerEnvelope<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>, NotUsed> Create<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Over(settings, producer, SingleEnvelopes<TKey, TValue, TContext>.Instance, settings.Ordered);
    }

    /// <summary>
    /// Every kind of envelope: one record (a <see cref="DeliveryOutcome{TKey,TValue,TContext}"/> comes out), several
    /// records with one context (a <see cref="MultiDeliveryOutcome{TKey,TValue,TContext}"/> once every record's
    /// outcome is in), or a context alone (<see cref="PassedThrough{TKey,TValue,TContext}"/>). Order as in <see cref="Create{TKey,TValue,TContext}"/>.
    /// </summary>
    public static Flow<IProducerEnvelope<TKey, TValue, TContext>, IProducerResult<TKey, TValue, TContext>, NotUsed> Flexi<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Over(settings, producer, AnyEnvelopes<TKey, TValue, TContext>.Instance, settings.Ordered);
    }

    /// <summary>
    /// The context rides beside each envelope, and results leave in submission order whatever <c>ordered</c> says:
    /// committing consumer offsets from the contexts that come out never skips a record still in flight
    /// (Alpakka's <c>flowWithContext</c>). Pass input that produces no output as a pass-through envelope.
    /// </summary>
    public static FlowWithContext<IProducerEnvelope<TKey, TValue, NotUsed>, TContext, IProducerResult<TKey, TValue, NotUsed>, TContext, NotUsed> WithContext<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return FlowWithContext.From(Over(settings, producer, ContextPairs<TKey, TValue, TContext>.Instance, ordered: true));
    }

    /// <summary>INTERNAL API. The stage over any kind of element.</summary>
    internal static Flow<TIn, TOut, NotUsed> Over<TKey, TValue, TContext, TIn, TOut>(ProducerPipelineSettings<TKey, TValue> settings,
        IProducer<TKey, TValue>? producer, StageElements<TKey, TValue, TContext, TIn, TOut> elements, bool ordered)
    {
        IGraph<FlowShape<TIn, TOut>, NotUsed> stage = new KafkaProducerStage<TKey, TValue, TContext, TIn, TOut>(settings, producer, elements, ordered);
        if (!string.IsNullOrEmpty(settings.UseDispatcher)) stage = stage.WithAttributes(ActorAttributes.CreateDispatcher(settings.UseDispatcher));
        return Flow.FromGraph(stage);
    }
}
