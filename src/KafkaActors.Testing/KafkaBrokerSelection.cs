namespace KafkaActors.Testing;

/// <summary>
/// Which kind of broker <see cref="KafkaTestBroker.StartAsync(int, Action{string}, IKafkaContainerRuntime, CancellationToken)"/> would use right now, and why.
/// Cheap to compute, so test frameworks can decide at discovery time (e.g. to skip fault-injection tests).
/// </summary>
/// <param name="Kind">The broker kind that will be used.</param>
/// <param name="Reason">Why this kind was chosen, for logs and skip messages.</param>
/// <param name="BootstrapServers">The external broker's address; null for the other kinds.</param>
public sealed record KafkaBrokerSelection(KafkaBrokerKind Kind, string Reason, string? BootstrapServers = null)
{
    /// <summary>True when the broker is an in-process <see cref="EmbeddedKafka"/> that accepts injected faults.</summary>
    public bool IsEmbedded => Kind == KafkaBrokerKind.Embedded;
}
