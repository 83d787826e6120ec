namespace KafkaActors.Testing;

/// <summary>Where a <see cref="KafkaTestBroker"/> runs.</summary>
public enum KafkaBrokerKind
{
    /// <summary>A broker named by the <c>KAFKA_BOOTSTRAP_SERVERS</c> environment variable.</summary>
    External,

    /// <summary>An Apache Kafka container started through Testcontainers on a local Docker engine.</summary>
    Container,

    /// <summary>An in-process <see cref="EmbeddedKafka"/>; the only kind that supports fault injection.</summary>
    Embedded,
}
