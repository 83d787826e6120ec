using Confluent.Kafka;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Broker;

public class EmbeddedKafkaSmokeTests
{
    [Fact]
    public async Task A_client_delivers_to_the_embedded_broker()
    {
        using var kafka = EmbeddedKafka.Start(3);
        kafka.CreateTopic("smoke", 3, 3);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var dr = await producer.ProduceAsync("smoke", new Message<string, string> { Key = "k", Value = "v" });
        Assert.Equal(PersistenceStatus.Persisted, dr.Status);
        Assert.True(kafka.ProduceRequestCount >= 1);
    }
}
