using Confluent.Kafka;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Broker;

public class EmbeddedKafkaLifecycleTests
{
    public static TheoryData<string> Members => new(UseAfterDispose.Keys);

    private static readonly Dictionary<string, Action<EmbeddedKafka>> UseAfterDispose = new()
    {
        ["CreateTopic"] = k => k.CreateTopic("topic"),
        ["PushProduceErrors"] = k => k.PushProduceErrors(ErrorCode.RequestTimedOut),
        ["PushRequestErrors"] = k => k.PushRequestErrors(EmbeddedKafka.ProduceApiKey),
        ["ClearProduceErrors"] = k => k.ClearProduceErrors(),
        ["SetBrokerDown"] = k => k.SetBrokerDown(1),
        ["SetBrokerUp"] = k => k.SetBrokerUp(1),
        ["SetBrokerRtt"] = k => k.SetBrokerRtt(1, TimeSpan.FromMilliseconds(10)),
        ["ProduceRequestCount"] = k => _ = k.ProduceRequestCount,
    };

    [Fact]
    public void Disposing_twice_is_safe()
    {
        var kafka = EmbeddedKafka.Start();
        kafka.Dispose();
        kafka.Dispose();
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Members_used_after_dispose_throw_ObjectDisposedException(string member)
    {
        var kafka = EmbeddedKafka.Start();
        kafka.Dispose();

        Assert.Throws<ObjectDisposedException>(() => UseAfterDispose[member](kafka));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void Broker_ids_outside_1_to_BrokerCount_throw_ArgumentOutOfRangeException(int brokerId)
    {
        using var kafka = EmbeddedKafka.Start(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerDown(brokerId));
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerUp(brokerId));
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.SetBrokerRtt(brokerId, TimeSpan.Zero));
    }

    [Fact]
    public void A_cluster_needs_at_least_one_broker()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedKafka.Start(0));
    }

    [Fact]
    public void A_topic_cannot_have_more_replicas_than_there_are_brokers()
    {
        using var kafka = EmbeddedKafka.Start(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.CreateTopic("too-many-replicas", replicationFactor: 4));
    }

    [Fact]
    public void Creating_an_existing_topic_throws_with_the_brokers_error_code()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("existing");

        var refused = Assert.Throws<EmbeddedKafkaException>(() => kafka.CreateTopic("existing"));

        Assert.Equal(ErrorCode.TopicAlreadyExists, refused.Code);
        Assert.Contains("existing", refused.Message);
    }

    [Fact]
    public void A_started_cluster_lists_one_loopback_address_per_broker()
    {
        using var kafka = EmbeddedKafka.Start(3);

        var addresses = kafka.BootstrapServers.Split(',');
        Assert.Equal(3, addresses.Length);
        Assert.All(addresses, a => Assert.StartsWith("127.0.0.1:", a));
    }
}
