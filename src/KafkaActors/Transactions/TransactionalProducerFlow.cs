using Akka;
using Akka.Streams.Dsl;

namespace KafkaActors;

/// <summary>
/// Exactly-once producing: envelopes are grouped into Kafka transactions, and each comes out once, in submission
/// order, as <see cref="TransactionOutcome{TKey,TValue,TContext}.Committed"/> or
/// <see cref="TransactionOutcome{TKey,TValue,TContext}.Aborted"/> (with the reason and the whole transaction).
/// </summary>
/// <remarks>
/// A transaction closes at <c>kafka-actors.transactions.max-records</c> envelopes, <c>max-bytes</c>,
/// <c>commit-interval</c> after its first envelope, where <c>endsTransaction</c> says so, or at the end of the
/// input. Consume-transform-produce: give <c>offsetOf</c>, and the consumer offsets carried by the contexts
/// (pass-through envelopes for input without output) are committed in the same transaction. Each materialization
/// builds its own producer with <c>transactional.id</c> = prefix + <c>transactionalIdSuffix</c>: starting it fences
/// any earlier producer with that id, so run one materialization per id.
/// </remarks>
public static class TransactionalProducerFlow
{
    public static Flow<IProducerEnvelope<TKey, TValue, TContext>, TransactionOutcome<TKey, TValue, TContext>, NotUsed> Create<TKey, TValue, TContext>(
        ProducerPipelineSettings<TKey, TValue> settings, TransactionSettings transactions, RetrySettings retry, string transactionalIdSuffix,
        Func<TContext, ConsumerOffset?>? offsetOf = null, Func<IProducerEnvelope<TKey, TValue, TContext>, bool>? endsTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(retry);
        var transactionalId = transactions.TransactionalId(transactionalIdSuffix);
        return Flow.FromGraph(new TransactionalProducerStage<TKey, TValue, TContext>(settings, transactions, retry, transactionalId, offsetOf, endsTransaction));
    }
}
