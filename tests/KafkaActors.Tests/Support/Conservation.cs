using Xunit;
using Delivered = KafkaActors.Produced<string, string, int>;

namespace KafkaActors.Tests.Support;

/// <summary>The pipeline's law, as assertions: N accepted, N terminal outcomes, each record once.</summary>
public static class Conservation
{
    /// <summary>Ids 0..total-1 each got exactly one terminal outcome, and delivered + dead-lettered = total.</summary>
    public static void AssertExactlyOnce(OutcomeLog log, int total)
    {
        Assert.Empty(log.Duplicates);
        Assert.Equal(total, log.TerminalCount);
        Assert.Equal(total, log.Delivered.Count + log.DeadLettered.Count);
        Assert.Equal(Enumerable.Range(0, total), log.TerminalIds.Order());
    }

    /// <summary>Per key: sorted by submission (the id), the offsets increase, on one partition.</summary>
    public static void AssertKeyOrder(IEnumerable<Delivered> delivered)
    {
        foreach (var key in delivered.Where(d => d.Envelope.Message.Key is not null).GroupBy(d => (d.Envelope.Topic, d.Envelope.Message.Key)))
        {
            var inSubmissionOrder = key.OrderBy(d => d.Envelope.Context).ToList();
            Assert.Single(inSubmissionOrder.Select(d => d.TopicPartitionOffset.Partition).Distinct());
            var offsets = inSubmissionOrder.Select(d => d.TopicPartitionOffset.Offset.Value).ToList();
            Assert.True(offsets.SequenceEqual(offsets.Order()), $"key {key.Key}: offsets in submission order {string.Join(",", offsets)}");
        }
    }

    /// <summary>
    /// Per key, in offset order: records whose id (submission order) is below the highest id that landed before
    /// them — what preserve-key-order = on counts as key order violations.
    /// </summary>
    public static int Reorders(IEnumerable<Delivered> delivered) =>
        delivered.Where(d => d.Envelope.Message.Key is not null)
            .GroupBy(d => (d.Envelope.Topic, d.Envelope.Message.Key))
            .Sum(key => key.OrderBy(d => d.TopicPartitionOffset.Offset.Value).Aggregate((Highest: -1, Late: 0),
                (acc, d) => d.Envelope.Context < acc.Highest ? (acc.Highest, acc.Late + 1) : (d.Envelope.Context, acc.Late)).Late);

    /// <summary>"attempts: 1=48000 2=1900 3=100; dead letters: permanent=5"; for the test output.</summary>
    public static string Summary(OutcomeLog log) =>
        $"delivered {log.Delivered.Count}, dead-lettered {log.DeadLettered.Count}; delivered by attempt: " +
        string.Join(" ", log.Delivered.GroupBy(d => d.Attempts).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}")) +
        "; dead letters by cause: " +
        string.Join(" ", log.DeadLettered.GroupBy(d => d.Cause).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
}
