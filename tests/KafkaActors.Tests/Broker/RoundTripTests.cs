using System.Text;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Broker;

/// <summary>
/// A separate producer and consumer over TCP, against whichever broker the suite uses
/// (embedded: three brokers, topic replicated three times).
/// </summary>
public class RoundTripTests(KafkaBrokerFixture fixture) : IClassFixture<KafkaBrokerFixture>
{
    private const int Partitions = 3;
    private const int Records = 30;
    private static readonly DateTime FirstTimestamp = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Records_come_back_with_their_keys_headers_and_timestamps_where_their_delivery_reports_said()
    {
        var broker = fixture.Broker;
        var topic = TestTopic.NewName("round-trip");
        await broker.CreateTopicAsync(topic, Partitions, replicationFactor: Math.Min(3, broker.BrokerCount));
        var sent = Enumerable.Range(0, Records).Select(NumberedRecord).ToList();

        using var producer = TestProducer.Start(broker.BootstrapServers);
        var reports = await Task.WhenAll(sent.Select(record => producer.SendAsync(topic, record)));
        var read = TestConsumer.ReadAll(broker.BootstrapServers, topic, Records, TimeSpan.FromSeconds(30)).ToDictionary(r => r.Message.Key);

        foreach (var (record, report) in sent.Zip(reports))
        {
            Assert.Equal(PersistenceStatus.Persisted, report.Status);
            var back = read[record.Key];
            Assert.Equal(report.TopicPartitionOffset, back.TopicPartitionOffset);
            Assert.Equal(record.Value, back.Message.Value);
            Assert.Equal(TimestampType.CreateTime, back.Message.Timestamp.Type);
            Assert.Equal(record.Timestamp.UnixTimestampMs, back.Message.Timestamp.UnixTimestampMs);
            Assert.Equal(HeaderPairs(record.Headers), HeaderPairs(back.Message.Headers));
        }
    }

    [Fact]
    public async Task Keyed_records_spread_over_every_partition_with_offsets_counting_from_zero()
    {
        var broker = fixture.Broker;
        var topic = TestTopic.NewName("round-trip-spread");
        await broker.CreateTopicAsync(topic, Partitions, replicationFactor: Math.Min(3, broker.BrokerCount));

        using var producer = TestProducer.Start(broker.BootstrapServers);
        var reports = await Task.WhenAll(Enumerable.Range(0, Records).Select(i => producer.SendAsync(topic, NumberedRecord(i))));

        var byPartition = reports.GroupBy(r => r.Partition.Value).ToDictionary(g => g.Key, g => g.Select(r => r.Offset.Value).Order().ToList());
        Assert.Equal(Enumerable.Range(0, Partitions), byPartition.Keys.Order());
        Assert.All(byPartition.Values, offsets => Assert.Equal(Enumerable.Range(0, offsets.Count).Select(o => (long)o), offsets));
    }

    private static Message<string, string> NumberedRecord(int i) => new()
    {
        Key = $"key-{i}",
        Value = $"value-{i}",
        Timestamp = new Timestamp(FirstTimestamp.AddSeconds(i)),
        Headers = new Headers { { "index", Encoding.UTF8.GetBytes(i.ToString()) }, { "origin", Encoding.UTF8.GetBytes("round-trip") } },
    };

    private static List<(string, string)> HeaderPairs(Headers headers) =>
        headers.Select(h => (h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).ToList();
}
