using KafkaActors.Testing.Testcontainers.Internal;
using Testcontainers.Kafka;

namespace KafkaActors.Testing.Testcontainers;

/// <summary>
/// Apache Kafka containers on a local Docker engine, through Testcontainers: pass
/// <see cref="Instance"/> to <see cref="KafkaTestBroker"/>, or call <see cref="StartBrokerAsync"/>, for the
/// choice "<c>KAFKA_BOOTSTRAP_SERVERS</c>, else a container when Docker answers, else embedded".
/// </summary>
public sealed class DockerKafkaContainers : IKafkaContainerRuntime
{
    /// <summary>Image of the container broker; the same as docker-compose.yml.</summary>
    public const string ContainerImage = "apache/kafka:4.1.0";

    public static DockerKafkaContainers Instance { get; } = new();

    private DockerKafkaContainers()
    {
    }

    /// <summary>
    /// <see cref="KafkaTestBroker.Select(IKafkaContainerRuntime)"/> with Docker: probing happens once per
    /// process and takes at most about a second per endpoint.
    /// </summary>
    public static KafkaBrokerSelection Select() => KafkaTestBroker.Select(Instance);

    /// <summary><see cref="KafkaTestBroker.StartAsync(int, Action{string}, IKafkaContainerRuntime, CancellationToken)"/> with Docker.</summary>
    public static Task<KafkaTestBroker> StartBrokerAsync(int embeddedBrokers = 1, Action<string>? log = null, CancellationToken cancellationToken = default) =>
        KafkaTestBroker.StartAsync(embeddedBrokers, log, Instance, cancellationToken);

    public KafkaContainerProbe Probe()
    {
        var docker = DockerEngine.Find();
        return new KafkaContainerProbe(docker.Answered, docker.Description);
    }

    public async Task<IKafkaContainer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new KafkaBuilder(ContainerImage).Build();
        try
        {
            await container.StartAsync(cancellationToken);
            return new Started(container);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    private sealed class Started(KafkaContainer container) : IKafkaContainer
    {
        public string BootstrapServers { get; } = container.GetBootstrapAddress();

        public ValueTask DisposeAsync() => container.DisposeAsync();
    }
}
