using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using KafkaActors.Internal;

namespace KafkaActors;

/// <summary>
/// The producer flow: every envelope that goes in comes out exactly once as a
/// <see cref="DeliveryOutcome{TKey,TValue,TContext}"/> — Delivered with where it landed, or Failed
/// with why — carrying the very envelope (and so the context) that went in. One bad record never
/// fails, stalls or drops the stream.
/// </summary>
public static class KafkaProducerFlow
{
    public static Flow<ProducerEnvelope<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>, NotUsed> Create<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Flow.FromGraph(WithDispatcher(
            new KafkaProducerStage<TKey, TValue, TContext, ProducerEnvelope<TKey, TValue, TContext>>(settings, static e => (e, 1)),
            settings.UseDispatcher));
    }

    /// <summary>The stage over re-sends, where each element carries its attempt number.</summary>
    internal static Flow<SendAttempt<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>, NotUsed> CreateForAttempts<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings) =>
        CreateFor<TKey, TValue, TContext, SendAttempt<TKey, TValue, TContext>>(settings, static a => (a.Envelope, a.Attempt));

    /// <summary>
    /// The stage over any element that names its envelope and attempt; each outcome's <c>Origin</c> is
    /// the element that went in, so callers keep per-record state without a lookup.
    /// </summary>
    internal static Flow<TIn, DeliveryOutcome<TKey, TValue, TContext>, NotUsed> CreateFor<TKey, TValue, TContext, TIn>(
        ProducerPipelineSettings<TKey, TValue> settings, Func<TIn, (ProducerEnvelope<TKey, TValue, TContext> Envelope, int Attempt)> unpack) =>
        Flow.FromGraph(WithDispatcher(new KafkaProducerStage<TKey, TValue, TContext, TIn>(settings, unpack), settings.UseDispatcher));

    private static IGraph<FlowShape<TIn, TOut>, NotUsed> WithDispatcher<TIn, TOut>(IGraph<FlowShape<TIn, TOut>, NotUsed> stage, string dispatcher) =>
        string.IsNullOrEmpty(dispatcher) ? stage : stage.WithAttributes(ActorAttributes.CreateDispatcher(dispatcher));
}
