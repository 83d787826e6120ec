using Confluent.Kafka;
using System.Collections.Immutable;
using Akka.Streams;
using Akka.Streams.Dsl;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>
/// Base for producer-flow tests: one embedded broker per test (faults are cluster-wide), an actor
/// system from the TestKit, and shorthands to build settings and run envelopes through the flow.
/// </summary>
public abstract class ProducerFlowSpec : Akka.TestKit.Xunit2.TestKit
{
    protected ProducerFlowSpec(int brokers = 1, string? config = null) : base(config ?? "akka.loglevel = INFO")
    {
        Kafka = EmbeddedKafka.Start(brokers);
    }

    protected EmbeddedKafka Kafka { get; }

    protected ProducerPipelineSettings<string, string> Settings(params (string Key, string Value)[] properties) =>
        ProducerPipelineSettings<string, string>.Create(Sys)
            .WithBootstrapServers(Kafka.BootstrapServers)
            .WithProperties(properties.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    protected static ProducerEnvelope<string, string, int> Envelope(string topic, int id, string? value = null) =>
        ProducerEnvelope.Create(topic, $"key-{id % 10}", value ?? $"value-{id}", id);

    protected static List<ProducerEnvelope<string, string, int>> Envelopes(string topic, int count) =>
        Enumerable.Range(0, count).Select(i => Envelope(topic, i)).ToList();

    protected Task<IImmutableList<DeliveryOutcome<TKey, TValue, int>>> Run<TKey, TValue>(
        IEnumerable<ProducerEnvelope<TKey, TValue, int>> envelopes, ProducerPipelineSettings<TKey, TValue> settings,
        IProducer<TKey, TValue>? sharedProducer = null) =>
        Source.From(envelopes)
            .Via(KafkaProducerFlow.Create<TKey, TValue, int>(settings, sharedProducer))
            .RunWith(Sink.Seq<DeliveryOutcome<TKey, TValue, int>>(), Sys.Materializer());

    protected static DeliveryOutcome<TKey, TValue, int>.Failed Single<TKey, TValue>(
        IEnumerable<DeliveryOutcome<TKey, TValue, int>> outcomes) =>
        Assert.Single(outcomes.OfType<DeliveryOutcome<TKey, TValue, int>.Failed>());

    protected override void AfterAll()
    {
        base.AfterAll();
        Kafka.Dispose();
    }
}
