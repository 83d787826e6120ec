using KafkaActors.Testing;
using KafkaActors.Testing.Testcontainers;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Broker;

public class KafkaTestBrokerTests(KafkaBrokerFixture fixture) : IClassFixture<KafkaBrokerFixture>
{
    [Fact]
    public void KAFKA_BOOTSTRAP_SERVERS_selects_that_external_broker()
    {
        var selection = KafkaTestBroker.Select("kafka-1:9092,kafka-2:9092");

        Assert.Equal(KafkaBrokerKind.External, selection.Kind);
        Assert.Equal("kafka-1:9092,kafka-2:9092", selection.BootstrapServers);
        Assert.Contains(KafkaTestBroker.BootstrapServersVariable, selection.Reason);
    }

    [Fact]
    public void Without_KAFKA_BOOTSTRAP_SERVERS_the_choice_is_a_container_or_embedded_and_says_what_Docker_probing_found()
    {
        var selection = KafkaTestBroker.Select(external: null, DockerKafkaContainers.Instance);

        Assert.Contains(selection.Kind, new[] { KafkaBrokerKind.Container, KafkaBrokerKind.Embedded });
        Assert.Null(selection.BootstrapServers);
        Assert.Contains("Docker engine", selection.Reason);
    }

    [Fact]
    public void Without_a_container_runtime_the_choice_is_embedded_and_names_the_package_that_adds_Docker()
    {
        var selection = KafkaTestBroker.Select(external: null);

        Assert.Equal(KafkaBrokerKind.Embedded, selection.Kind);
        Assert.Contains("KafkaActors.Testing.Testcontainers", selection.Reason);
    }

    [Fact]
    public async Task A_container_selection_without_a_runtime_to_start_it_fails_saying_so()
    {
        var selection = new KafkaBrokerSelection(KafkaBrokerKind.Container, "chosen by hand");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            KafkaTestBroker.StartAsync(selection, embeddedBrokers: 1, log: null, containers: null, default));

        Assert.Contains("no container runtime was given", error.Message);
    }

    [Fact]
    public async Task An_external_broker_is_used_as_it_is_and_its_broker_count_read_from_metadata()
    {
        using var cluster = EmbeddedKafka.Start(3);
        var logged = new List<string>();

        await using var broker = await KafkaTestBroker.StartAsync(KafkaTestBroker.Select(cluster.BootstrapServers), embeddedBrokers: 1, logged.Add, containers: null, default);

        Assert.Equal(KafkaBrokerKind.External, broker.Kind);
        Assert.False(broker.IsEmbedded);
        Assert.Null(broker.Embedded);
        Assert.Equal(cluster.BootstrapServers, broker.BootstrapServers);
        Assert.Equal(3, broker.BrokerCount);
        Assert.Contains(logged, line => line.Contains("External") && line.Contains(cluster.BootstrapServers));
    }

    [Fact]
    public async Task Creating_a_topic_that_exists_leaves_it_as_it_is()
    {
        var topic = TestTopic.NewName("created-twice");

        await fixture.Broker.CreateTopicAsync(topic, partitions: 2);
        await fixture.Broker.CreateTopicAsync(topic, partitions: 2);
    }

    [Fact]
    public void The_fixture_broker_offers_fault_injection_exactly_when_it_is_embedded()
    {
        var broker = fixture.Broker;

        Assert.Equal(broker.Kind == KafkaBrokerKind.Embedded, broker.IsEmbedded);
        Assert.Equal(broker.IsEmbedded, broker.Embedded is not null);
        Assert.Equal(DockerKafkaContainers.Select().Kind, broker.Kind);
    }
}
