using KafkaActors.Testing.Testcontainers;
using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>
/// A fact about transactional guarantees that librdkafka's mock cluster does not implement (measured with
/// librdkafka 2.16.0, 2026-12-01, pinned by EmbeddedTransactionFacts): it runs against a real Kafka
/// (KAFKA_BOOTSTRAP_SERVERS or a container) and is skipped, with the reason, on the embedded broker.
/// </summary>
public sealed class RealKafkaFactAttribute : FactAttribute
{
    private static readonly string? SkipReason = DockerKafkaContainers.Select().IsEmbedded
        ? "Needs a real Kafka: the embedded broker (librdkafka's mock) gives every InitProducerId a new producer id (no fencing), shows aborted records to read_committed consumers and does not store transactional offsets. Set KAFKA_BOOTSTRAP_SERVERS."
        : null;

    public RealKafkaFactAttribute() => Skip = SkipReason;
}
