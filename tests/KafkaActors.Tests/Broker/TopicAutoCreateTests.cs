using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Broker;

/// <summary>Last row of the fault table in EMBEDDED_BROKER.md: the embedded broker creates unknown topics on first use.</summary>
public class TopicAutoCreateTests
{
    [Fact]
    public async Task Producing_to_an_unknown_topic_creates_it_with_four_partitions()
    {
        using var kafka = EmbeddedKafka.Start();
        using var producer = TestProducer.Start(kafka.BootstrapServers);
        var topic = TestTopic.NewName("auto-created");

        var report = await producer.SendAsync(topic);

        Assert.False(report.Error.IsError, report.Error.ToString());
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(4, metadata.Partitions.Count);
    }
}
