using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;

namespace KafkaActors;

/// <summary>
/// Sends the producer flow's outcomes where they belong: <c>Delivered</c> to a success actor,
/// <c>Failed</c> to a failure actor (the producer actor wires its retry supervisor here), and both to
/// an optional <see cref="IProducerListener{TKey,TValue,TContext}"/>. Telling an actor never
/// backpressures, so routing never slows the producer; a throwing listener is logged, never fatal.
/// </summary>
public static class OutcomeRouter
{
    /// <summary>Routes every outcome and ends there; the task completes with the stream.</summary>
    public static Sink<DeliveryOutcome<TKey, TValue, TContext>, Task<Done>> Sink<TKey, TValue, TContext>(
        IActorRef? delivered, IActorRef? failed, IProducerListener<TKey, TValue, TContext>? listener = null) =>
        Flow(delivered, failed, listener).ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<DeliveryOutcome<TKey, TValue, TContext>>(), Keep.Right);

    /// <summary>Routes every outcome and passes it on unchanged.</summary>
    public static Flow<DeliveryOutcome<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>, NotUsed> Flow<TKey, TValue, TContext>(
        IActorRef? delivered, IActorRef? failed, IProducerListener<TKey, TValue, TContext>? listener = null) =>
        Akka.Streams.Dsl.Flow.FromGraph(new OutcomeRouterStage<TKey, TValue, TContext>(delivered, failed, listener));
}
