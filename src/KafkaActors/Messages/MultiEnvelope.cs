using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Several records with one context, e.g. everything one consumed record turned into. Each record is sent,
/// retried and dead-lettered on its own; the envelope's outcome comes once, when every record's is known
/// (<see cref="MultiDeliveryOutcome{TKey,TValue,TContext}"/> from the flow,
/// <see cref="MultiProduceOutcome{TKey,TValue,TContext}"/> from the producer actor). An empty list is allowed:
/// it behaves like a <see cref="PassThroughEnvelope{TKey,TValue,TContext}"/>.
/// </summary>
public sealed class MultiEnvelope<TKey, TValue, TContext> : IProducerEnvelope<TKey, TValue, TContext>
{
    public MultiEnvelope(IEnumerable<(string Topic, Partition Partition, Message<TKey, TValue> Message)> records, TContext context)
    {
        ArgumentNullException.ThrowIfNull(records);
        Context = context;
        Records = records.Select(r => new ProducerEnvelope<TKey, TValue, TContext>(r.Topic, r.Partition, r.Message, context)).ToArray();
    }

    /// <summary>The records, in the order given; each one's outcome comes back at the same index.</summary>
    public IReadOnlyList<ProducerEnvelope<TKey, TValue, TContext>> Records { get; }

    public TContext Context { get; }

    int IProducerEnvelope<TKey, TValue, TContext>.RecordCount => Records.Count;

    public override string ToString() => $"MultiEnvelope({Records.Count} record(s))";
}
