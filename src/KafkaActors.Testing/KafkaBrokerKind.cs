namespace KafkaActors.Testing;

/// <summary>Where a <see cref="KafkaTestBroker"/> runs.</summary>
public enum KafkaBrokerKind
{
    /// <summary>A broker named by the <c>KAFKA_BOOTSTRAP_SERVERS</c> environment variable.</summary>
    External,

    /// <summary>An Apache Kafka container started by an <see cref="IKafkaContainerRuntime"/> (e.g. Testcontainers on Docker).</summary>
    Container,

    /// <summary>An in-process <see cref="EmbeddedKafka"/>; the only kind that supports fault injection.</summary>
    Embedded,
}
