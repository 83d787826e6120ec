using System.Diagnostics;
using Confluent.Kafka;

namespace KafkaActors.Tests.Support;

/// <summary>Reads records back from a topic to check what producers wrote.</summary>
public static class TestConsumer
{
    private static readonly TimeSpan MetadataPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reads exactly <paramref name="count"/> records from the start of every partition of <paramref name="topic"/>,
    /// without a consumer group (no rebalance to wait for, no commits). Throws TimeoutException when fewer arrive in time.
    /// </summary>
    public static IReadOnlyList<ConsumeResult<string, string>> ReadAll(string bootstrapServers, string topic, int count, TimeSpan timeout) =>
        ReadAll<string, string>(bootstrapServers, topic, count, timeout);

    /// <inheritdoc cref="ReadAll(string, string, int, TimeSpan)"/>
    /// <remarks>Key and value types need a Confluent default deserializer (string, byte[], int, long, Null, Ignore, ...).</remarks>
    public static IReadOnlyList<ConsumeResult<TKey, TValue>> ReadAll<TKey, TValue>(string bootstrapServers, string topic, int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"test-consumer-{Guid.NewGuid():N}", // required by the client, unused with Assign
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<TKey, TValue>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(Partitions(consumer, topic, timeout).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var records = new List<ConsumeResult<TKey, TValue>>(count);
        while (records.Count < count)
        {
            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException($"Read {records.Count} of {count} records from '{topic}' within {timeout}.");
            var record = consumer.Consume(remaining);
            if (record is not null && !record.IsPartitionEOF) records.Add(record);
        }
        return records;
    }

    /// <summary>Reads every record on <paramref name="topic"/>, from the start of each partition to its end at the time of reading.</summary>
    /// <remarks>librdkafka's default isolation is read_committed: records of open and aborted transactions are skipped.</remarks>
    public static IReadOnlyList<ConsumeResult<TKey, TValue>> ReadToEnd<TKey, TValue>(string bootstrapServers, string topic, TimeSpan timeout,
        IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        var clock = Stopwatch.StartNew();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"test-consumer-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = isolation,
        };
        using var consumer = new ConsumerBuilder<TKey, TValue>(config).SetLogHandler((_, _) => { }).Build();
        var partitions = Partitions(consumer, topic, timeout);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<TKey, TValue>>();
        var atEnd = new HashSet<Partition>();
        while (atEnd.Count < partitions.Count)
        {
            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException($"Reading '{topic}' did not reach the end of every partition within {timeout}.");
            var record = consumer.Consume(remaining);
            if (record is null) continue;
            if (record.IsPartitionEOF) atEnd.Add(record.Partition);
            else records.Add(record);
        }
        return records;
    }

    // Asks through the consumer's own connection; a just-created topic may need a moment to show its partitions.
    private static IReadOnlyList<Partition> Partitions<TKey, TValue>(IConsumer<TKey, TValue> consumer, string topic, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var metadata = admin.GetMetadata(topic, timeout).Topics.Single();
            if (metadata.Error.Code == ErrorCode.NoError && metadata.Partitions.Count > 0)
                return metadata.Partitions.Select(p => new Partition(p.PartitionId)).ToList();
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Topic '{topic}' had no partitions within {timeout} ({metadata.Error.Reason}).");
            Thread.Sleep(MetadataPollInterval);
        }
    }
}
