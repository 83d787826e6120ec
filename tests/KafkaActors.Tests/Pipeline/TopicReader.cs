using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Tests.Pipeline;

/// <summary>Reads a topic back with a real Confluent consumer, as raw bytes.</summary>
public static class TopicReader
{
    public static List<ConsumeResult<byte[], byte[]>> Read(string bootstrapServers, string topic, int partitions, int expected, TimeSpan? timeout = null)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (records.Count < expected && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
                records.Add(result);
        return records;
    }

    public static string Header(this ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new KeyNotFoundException($"header {name} is missing");

    public static string Utf8(this byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
