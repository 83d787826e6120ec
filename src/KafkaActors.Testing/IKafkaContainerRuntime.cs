namespace KafkaActors.Testing;

/// <summary>
/// A way to run Apache Kafka in a container for <see cref="KafkaTestBroker"/>. Kept behind this seam so
/// the testing package carries no container libraries: <c>KafkaActors.Testing.Testcontainers</c> has the
/// Docker one (<c>DockerKafkaContainers.Instance</c>).
/// </summary>
public interface IKafkaContainerRuntime
{
    /// <summary>Whether a container can start here now, and what probing found; cheap (it runs at selection).</summary>
    KafkaContainerProbe Probe();

    /// <summary>Starts a broker; disposing the result stops and removes it.</summary>
    Task<IKafkaContainer> StartAsync(CancellationToken cancellationToken);
}
