using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Streams;

public class ProducerFlowSmokeTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Every_envelope_comes_back_delivered_with_its_context()
    {
        using var kafka = EmbeddedKafka.Start(1);
        kafka.CreateTopic("t", 3);
        var settings = ProducerPipelineSettings<string, string>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);
        var envelopes = Enumerable.Range(0, 1000).Select(i => ProducerEnvelope.Create("t", $"k{i}", $"v{i}", i)).ToList();
        var outcomes = await Source.From(envelopes).Via(KafkaProducerFlow.Create<string, string, int>(settings))
            .RunWith(Sink.Seq<DeliveryOutcome<string, string, int>>(), Sys.Materializer());
        Assert.Equal(1000, outcomes.Count);
        Assert.All(outcomes, o => Assert.IsType<DeliveryOutcome<string, string, int>.Delivered>(o));
        Assert.Equal(envelopes.ToHashSet(), outcomes.Select(o => o.Envelope).ToHashSet());
    }
}
