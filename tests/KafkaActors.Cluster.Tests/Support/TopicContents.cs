using Confluent.Kafka;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>One record as read back from the topic.</summary>
public sealed record StoredRecord(int Partition, long Offset, string Key, string Value, Guid? RecordId);

/// <summary>Reads a whole topic back, every partition to its end, with a real consumer (no group, no commits).</summary>
public static class TopicContents
{
    public static IReadOnlyList<StoredRecord> ReadToEnd(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"read-back-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, new Partition(p), Offset.Beginning)));

        var records = new List<StoredRecord>();
        var atEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (atEnd.Count < partitions)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Read {records.Count} records; {atEnd.Count} of {partitions} partitions reached their end within {timeout}.");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null) continue;
            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
                continue;
            }
            atEnd.Remove(result.Partition.Value);
            records.Add(new StoredRecord(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value,
                RecordIdHeader.TryGet(result.Message.Headers, out var id) ? id : null));
        }
        return records;
    }
}
