using System.Text;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The envelopes of one transaction, in submission order, with their records flattened and the consumer
/// offsets their contexts carry (the highest per partition, plus one: where the group resumes).
/// </summary>
internal sealed class TransactionBatch<TKey, TValue, TContext>
{
    private readonly List<IProducerEnvelope<TKey, TValue, TContext>> _envelopes = new();

    public IReadOnlyList<IProducerEnvelope<TKey, TValue, TContext>> Envelopes => _envelopes;

    public long Bytes { get; private set; }

    public int Count => _envelopes.Count;

    public void Add(IProducerEnvelope<TKey, TValue, TContext> envelope)
    {
        _envelopes.Add(envelope);
        foreach (var record in RecordsOf(envelope)) Bytes += SizeOf(record.Message);
    }

    /// <summary>The records of one envelope, in its order: one, several, or none for a pass-through.</summary>
    public static IReadOnlyList<ProducerEnvelope<TKey, TValue, TContext>> RecordsOf(IProducerEnvelope<TKey, TValue, TContext> envelope) => envelope switch
    {
        ProducerEnvelope<TKey, TValue, TContext> single => [single],
        MultiEnvelope<TKey, TValue, TContext> multi => multi.Records,
        _ => [],
    };

    /// <summary>The offsets to commit with this transaction and the newest group metadata among them; none without consumed input.</summary>
    public (IReadOnlyList<TopicPartitionOffset> Offsets, IConsumerGroupMetadata? Group) ConsumerOffsets(Func<TContext, ConsumerOffset?>? offsetOf)
    {
        if (offsetOf is null) return ([], null);
        var next = new Dictionary<TopicPartition, Offset>();
        IConsumerGroupMetadata? group = null;
        foreach (var envelope in _envelopes)
        {
            if (offsetOf(envelope.Context) is not { } consumed) continue;
            group = consumed.GroupMetadata;
            var offset = consumed.Next;
            if (!next.TryGetValue(offset.TopicPartition, out var known) || known < offset.Offset) next[offset.TopicPartition] = offset.Offset;
        }
        return (next.Select(p => new TopicPartitionOffset(p.Key, p.Value)).ToList(), group);
    }

    // Counts what is cheap to know before serialization; other key and value types count by records only.
    private static long SizeOf(Message<TKey, TValue> message)
    {
        long size = SizeOf(message.Key) + SizeOf(message.Value);
        if (message.Headers is { } headers)
            foreach (var header in headers) size += header.Key.Length + (header.GetValueBytes()?.Length ?? 0);
        return size;
    }

    private static long SizeOf(object? part) => part switch
    {
        byte[] bytes => bytes.Length,
        string text => Encoding.UTF8.GetByteCount(text),
        _ => 0,
    };
}
