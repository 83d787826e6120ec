using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>The properties every cluster test checks, stated once.</summary>
internal static class OutcomeChecks
{
    /// <summary>Every record was delivered (the driver already enforces exactly one reply per record).</summary>
    public static IReadOnlyList<Produced<string, string, int>> AllDelivered(ReplyLog result, long expected)
    {
        Assert.Equal(expected, result.Replies.Count);
        var notDelivered = result.Replies.Where(r => r is not Produced<string, string, int>).Take(5).ToList();
        Assert.True(notDelivered.Count == 0, "not delivered: " + string.Join("; ", notDelivered));
        return result.Replies.Cast<Produced<string, string, int>>().ToList();
    }

    /// <summary>For every key, the delivered offsets follow the order in which the records were submitted.</summary>
    public static void OffsetsFollowSubmissionOrderPerKey(IEnumerable<Produced<string, string, int>> delivered)
    {
        foreach (var key in delivered.GroupBy(d => d.Envelope.Message.Key))
        {
            var inSubmissionOrder = key.OrderBy(d => d.Envelope.Context).ToList();
            Assert.Single(inSubmissionOrder.Select(d => d.TopicPartitionOffset.Partition).Distinct());
            for (var i = 1; i < inSubmissionOrder.Count; i++)
                Assert.True(inSubmissionOrder[i - 1].TopicPartitionOffset.Offset.Value < inSubmissionOrder[i].TopicPartitionOffset.Offset.Value,
                    $"key {key.Key}: record {inSubmissionOrder[i].Envelope.Context} landed at {inSubmissionOrder[i].TopicPartitionOffset.Offset}, before record {inSubmissionOrder[i - 1].Envelope.Context} at {inSubmissionOrder[i - 1].TopicPartitionOffset.Offset}");
        }
    }

    /// <summary>Keys whose delivered offsets do not follow submission order (for runs where order is not promised).</summary>
    public static int KeysOutOfOrder(IEnumerable<Produced<string, string, int>> delivered) =>
        delivered.GroupBy(d => d.Envelope.Message.Key).Count(key =>
        {
            var offsets = key.OrderBy(d => d.Envelope.Context).Select(d => d.TopicPartitionOffset.Offset.Value).ToList();
            return offsets.Zip(offsets.Skip(1), (earlier, later) => earlier >= later).Any(outOfOrder => outOfOrder);
        });

    /// <summary>Every submitted record id is in the topic; returns how many stored records are extra copies.</summary>
    public static int EverySubmittedIdStored(IEnumerable<IProduceReply<string, string, int>> replies, IReadOnlyList<StoredRecord> stored)
    {
        var storedIds = stored.Where(r => r.RecordId is not null).GroupBy(r => r.RecordId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var missing = 0;
        foreach (var reply in replies)
        {
            Assert.True(RecordIdHeader.TryGet(reply.Envelope.AsSingle().Message.Headers, out var id), "every submitted record carries a record id");
            if (!storedIds.ContainsKey(id)) missing++;
        }
        Assert.Equal(0, missing);
        return storedIds.Values.Sum(c => c - 1);
    }

    public static long ReadOffset(this Produced<string, string, int> d) => d.TopicPartitionOffset.Offset.Value;

    public static Offset Offset(this StoredRecord r) => new(r.Offset);
}

internal static class EnvelopeKinds
{
    /// <summary>The envelope as the one-record kind the cluster front door takes.</summary>
    public static ProducerEnvelope<TKey, TValue, TContext> AsSingle<TKey, TValue, TContext>(this IProducerEnvelope<TKey, TValue, TContext> envelope) =>
        Assert.IsType<ProducerEnvelope<TKey, TValue, TContext>>(envelope);
}
