using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Cli.Demo;

/// <summary>What a topic holds: how often each record id (the demo-id header) is on it, and how many records the
/// broker no longer has (a partition whose log starts past offset 0 dropped its oldest records: retention).</summary>
internal sealed record TopicContents(Dictionary<int, int> Ids, long DroppedByRetention);

/// <summary>
/// Reads a topic back from the beginning of every partition to its end and counts how often each
/// record id is on it.
/// </summary>
internal static class TopicAudit
{
    public static TopicContents IdsOn(string bootstrapServers, string topic, TimeSpan timeout, CancellationToken ct)
    {
        var (ids, dropped) = Count(bootstrapServers, topic, DemoId, timeout, ct);
        return new TopicContents(ids, dropped);
    }

    private static int? DemoId(Headers headers) =>
        headers.TryGetLastBytes(DemoRecords.IdHeader, out var bytes)
        && int.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>How often each id (<paramref name="idOf"/> a record's headers; null: not counted) is on the topic, and how many records retention dropped.</summary>
    public static (Dictionary<TId, int> Ids, long DroppedByRetention) Count<TId>(string bootstrapServers, string topic, Func<Headers, TId?> idOf,
        TimeSpan timeout, CancellationToken ct) where TId : struct
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"kafka-actors-demo-audit-{Guid.NewGuid():N}", // required by the client, unused with Assign
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Select(p => new Partition(p.PartitionId)).ToList();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var counts = new Dictionary<TId, int>();
        var atEnd = new HashSet<Partition>();
        var deadline = DateTime.UtcNow + timeout;
        while (atEnd.Count < partitions.Count)
        {
            ct.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Reading '{topic}' back did not reach the end of every partition within {timeout}.");
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null) continue;
            if (record.IsPartitionEOF)
            {
                atEnd.Add(record.Partition);
                continue;
            }
            if (idOf(record.Message.Headers) is { } id) counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        // Without this, records dropped by retention would look exactly like records lost.
        var dropped = partitions.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), timeout).Low.Value);
        return (counts, dropped);
    }
}
