using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// What happened to one envelope of the transactional flow: <see cref="Committed"/> (its records are on their
/// topics and visible to <c>read_committed</c> consumers, its consumer offset committed with them) or
/// <see cref="Aborted"/> (nothing of its transaction is visible; the whole transaction comes back so the caller
/// can send it again). <see cref="Envelope"/> is the very instance that went in. Exactly one per envelope.
/// </summary>
public abstract class TransactionOutcome<TKey, TValue, TContext>
{
    private TransactionOutcome(IProducerEnvelope<TKey, TValue, TContext> envelope, TransactionInfo transaction)
    {
        Envelope = envelope;
        Transaction = transaction;
    }

    public IProducerEnvelope<TKey, TValue, TContext> Envelope { get; }

    public TContext Context => Envelope.Context;

    /// <summary>Which transaction the envelope was in.</summary>
    public TransactionInfo Transaction { get; }

    /// <summary>The transaction was committed.</summary>
    public sealed class Committed : TransactionOutcome<TKey, TValue, TContext>
    {
        internal Committed(IProducerEnvelope<TKey, TValue, TContext> envelope, TransactionInfo transaction, IReadOnlyList<TopicPartitionOffset> offsets)
            : base(envelope, transaction)
        {
            Offsets = offsets;
        }

        /// <summary>Where each record of the envelope landed, in the envelope's order (none for a pass-through).</summary>
        public IReadOnlyList<TopicPartitionOffset> Offsets { get; }

        public override string ToString() => $"Committed({Envelope}, {Transaction})";
    }

    /// <summary>The transaction was aborted: none of its records and offsets are visible to <c>read_committed</c> consumers.</summary>
    public sealed class Aborted : TransactionOutcome<TKey, TValue, TContext>
    {
        internal Aborted(IProducerEnvelope<TKey, TValue, TContext> envelope, TransactionInfo transaction, TransactionAbortReason reason,
            DeliveryError error, IReadOnlyList<IProducerEnvelope<TKey, TValue, TContext>> envelopes)
            : base(envelope, transaction)
        {
            Reason = reason;
            Error = error;
            TransactionEnvelopes = envelopes;
        }

        public TransactionAbortReason Reason { get; }

        /// <summary>This envelope's own record error when one of its records failed, else the transaction's last error.</summary>
        public DeliveryError Error { get; }

        /// <summary>Every envelope of the aborted transaction, in submission order: what to send again to retry it whole.</summary>
        public IReadOnlyList<IProducerEnvelope<TKey, TValue, TContext>> TransactionEnvelopes { get; }

        public override string ToString() => $"Aborted({Envelope}, {Reason}: {Error}, {Transaction})";
    }
}

/// <summary>One transaction of a transactional flow: its <c>transactional.id</c>, its number in this flow (from 1), and the attempts it took.</summary>
public sealed record TransactionInfo(string TransactionalId, long Sequence, int Attempts, int Envelopes)
{
    public override string ToString() => $"transaction {Sequence} of '{TransactionalId}', {Envelopes} envelope(s), attempt(s) {Attempts}";
}
