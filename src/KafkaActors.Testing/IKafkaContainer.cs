namespace KafkaActors.Testing;

/// <summary>A running Kafka container started by an <see cref="IKafkaContainerRuntime"/>; disposing it removes it.</summary>
public interface IKafkaContainer : IAsyncDisposable
{
    /// <summary>Comma-separated host:port list to give clients.</summary>
    string BootstrapServers { get; }
}
