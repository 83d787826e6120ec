using Akka;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// What the producer stage's elements are: how many records each one sends and how its outcome leaves. The
/// flow over single envelopes and the producer actor's pipeline have one record per element (the hot path);
/// the flexi flow and the context flow also take several records with one context, and a context alone.
/// </summary>
internal abstract class StageElements<TKey, TValue, TContext, TIn, TOut>
{
    /// <summary>The element is exactly one record, and <see cref="One"/> gives its outcome.</summary>
    public abstract bool IsSingle(TIn element);

    /// <summary>Records an element that is not single sends (0: a context alone).</summary>
    public virtual int Count(TIn element) => 1;

    public abstract ProducerEnvelope<TKey, TValue, TContext> Record(TIn element, int index);

    /// <summary>Which send this is: 1, or the attempt a retry is making.</summary>
    public virtual int Attempt(TIn element) => 1;

    public abstract TOut One(TIn element, DeliveryOutcome<TKey, TValue, TContext> outcome);

    /// <summary>The Kafka client reported an error (on librdkafka's thread): a hook for whoever watches the client's health.</summary>
    public virtual void ClientError(Error error)
    {
    }

    /// <summary>The outcome of an element that is not single, once every record's outcome is in (in record order).</summary>
    public virtual TOut Many(TIn element, DeliveryOutcome<TKey, TValue, TContext>[] outcomes) =>
        throw new InvalidOperationException($"{GetType().Name} has single records only");
}

/// <summary>The flow over single envelopes: the outcome is the element.</summary>
internal sealed class SingleEnvelopes<TKey, TValue, TContext>
    : StageElements<TKey, TValue, TContext, ProducerEnvelope<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>>
{
    public static readonly SingleEnvelopes<TKey, TValue, TContext> Instance = new();

    public override bool IsSingle(ProducerEnvelope<TKey, TValue, TContext> element) => true;

    public override ProducerEnvelope<TKey, TValue, TContext> Record(ProducerEnvelope<TKey, TValue, TContext> element, int index) => element;

    public override DeliveryOutcome<TKey, TValue, TContext> One(ProducerEnvelope<TKey, TValue, TContext> element, DeliveryOutcome<TKey, TValue, TContext> outcome) => outcome;
}

/// <summary>The flexi flow: every kind of envelope, each with its kind of result.</summary>
internal sealed class AnyEnvelopes<TKey, TValue, TContext>
    : StageElements<TKey, TValue, TContext, IProducerEnvelope<TKey, TValue, TContext>, IProducerResult<TKey, TValue, TContext>>
{
    public static readonly AnyEnvelopes<TKey, TValue, TContext> Instance = new();

    public override bool IsSingle(IProducerEnvelope<TKey, TValue, TContext> element) => element is ProducerEnvelope<TKey, TValue, TContext>;

    public override int Count(IProducerEnvelope<TKey, TValue, TContext> element) => element.RecordCount;

    public override ProducerEnvelope<TKey, TValue, TContext> Record(IProducerEnvelope<TKey, TValue, TContext> element, int index) =>
        element as ProducerEnvelope<TKey, TValue, TContext> ?? ((MultiEnvelope<TKey, TValue, TContext>)element).Records[index];

    public override IProducerResult<TKey, TValue, TContext> One(IProducerEnvelope<TKey, TValue, TContext> element, DeliveryOutcome<TKey, TValue, TContext> outcome) => outcome;

    public override IProducerResult<TKey, TValue, TContext> Many(IProducerEnvelope<TKey, TValue, TContext> element, DeliveryOutcome<TKey, TValue, TContext>[] outcomes) =>
        element is MultiEnvelope<TKey, TValue, TContext> multi
            ? new MultiDeliveryOutcome<TKey, TValue, TContext>(multi, outcomes)
            : new PassedThrough<TKey, TValue, TContext>((PassThroughEnvelope<TKey, TValue, TContext>)element);
}

/// <summary>The context flow: each envelope paired with the caller's context, which comes back beside its result.</summary>
internal sealed class ContextPairs<TKey, TValue, TContext>
    : StageElements<TKey, TValue, NotUsed, (IProducerEnvelope<TKey, TValue, NotUsed>, TContext), (IProducerResult<TKey, TValue, NotUsed>, TContext)>
{
    public static readonly ContextPairs<TKey, TValue, TContext> Instance = new();

    private static AnyEnvelopes<TKey, TValue, NotUsed> Envelopes => AnyEnvelopes<TKey, TValue, NotUsed>.Instance;

    public override bool IsSingle((IProducerEnvelope<TKey, TValue, NotUsed>, TContext) element) => Envelopes.IsSingle(element.Item1);

    public override int Count((IProducerEnvelope<TKey, TValue, NotUsed>, TContext) element) => Envelopes.Count(element.Item1);

    public override ProducerEnvelope<TKey, TValue, NotUsed> Record((IProducerEnvelope<TKey, TValue, NotUsed>, TContext) element, int index) =>
        Envelopes.Record(element.Item1, index);

    public override (IProducerResult<TKey, TValue, NotUsed>, TContext) One((IProducerEnvelope<TKey, TValue, NotUsed>, TContext) element,
        DeliveryOutcome<TKey, TValue, NotUsed> outcome) => (outcome, element.Item2);

    public override (IProducerResult<TKey, TValue, NotUsed>, TContext) Many((IProducerEnvelope<TKey, TValue, NotUsed>, TContext) element,
        DeliveryOutcome<TKey, TValue, NotUsed>[] outcomes) => (Envelopes.Many(element.Item1, outcomes), element.Item2);
}
