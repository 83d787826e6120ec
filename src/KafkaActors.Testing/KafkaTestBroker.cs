using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace KafkaActors.Testing;

/// <summary>
/// A Kafka broker for tests, chosen by what the machine offers: the broker named by
/// <c>KAFKA_BOOTSTRAP_SERVERS</c>; else, when a container runtime is given and can start one, an Apache
/// Kafka container (<c>KafkaActors.Testing.Testcontainers</c> gives the Docker one); else an in-process
/// <see cref="EmbeddedKafka"/>. It logs which one it chose.
/// </summary>
public sealed class KafkaTestBroker : IAsyncDisposable, IDisposable
{
    /// <summary>Environment variable naming an external broker (comma-separated host:port list).</summary>
    public const string BootstrapServersVariable = "KAFKA_BOOTSTRAP_SERVERS";

    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(30);

    private readonly IAsyncDisposable? _container;

    private KafkaTestBroker(KafkaBrokerSelection selection, string bootstrapServers, int brokerCount,
        EmbeddedKafka? embedded = null, IAsyncDisposable? container = null)
    {
        Selection = selection;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
        Embedded = embedded;
        _container = container;
    }

    /// <summary>The kind of broker and why it was chosen.</summary>
    public KafkaBrokerSelection Selection { get; }

    public KafkaBrokerKind Kind => Selection.Kind;

    /// <summary>Comma-separated host:port list to give clients.</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers in the cluster (the highest replication factor a topic can have).</summary>
    public int BrokerCount { get; }

    /// <summary>The in-process broker, for fault injection; null for the other kinds.</summary>
    public EmbeddedKafka? Embedded { get; }

    public bool IsEmbedded => Embedded is not null;

    /// <summary>
    /// Which kind of broker <see cref="StartAsync(int, Action{string}, IKafkaContainerRuntime, CancellationToken)"/> would use now, without starting anything.
    /// </summary>
    /// <param name="containers">Where containers can run (probed here); null for no container: external or embedded only.</param>
    public static KafkaBrokerSelection Select(IKafkaContainerRuntime? containers = null) =>
        Select(Environment.GetEnvironmentVariable(BootstrapServersVariable), containers);

    internal static KafkaBrokerSelection Select(string? external, IKafkaContainerRuntime? containers = null)
    {
        if (!string.IsNullOrWhiteSpace(external))
            return new KafkaBrokerSelection(KafkaBrokerKind.External, $"{BootstrapServersVariable} is set", external.Trim());

        if (containers is null)
            return new KafkaBrokerSelection(KafkaBrokerKind.Embedded,
                $"{BootstrapServersVariable} is not set; no container runtime given (KafkaActors.Testing.Testcontainers adds Docker)");

        var probe = containers.Probe();
        return new KafkaBrokerSelection(probe.Available ? KafkaBrokerKind.Container : KafkaBrokerKind.Embedded,
            $"{BootstrapServersVariable} is not set; {probe.Description}");
    }

    /// <summary>Starts (or connects to) the broker <see cref="Select(IKafkaContainerRuntime)"/> picks.</summary>
    /// <param name="embeddedBrokers">Brokers in the cluster when the broker is embedded.</param>
    /// <param name="log">Receives one line saying which broker was chosen and why; defaults to the console.</param>
    /// <param name="containers">Where containers can run; null for external or embedded only.</param>
    /// <param name="cancellationToken">Cancels starting a container.</param>
    public static Task<KafkaTestBroker> StartAsync(int embeddedBrokers = 1, Action<string>? log = null,
        IKafkaContainerRuntime? containers = null, CancellationToken cancellationToken = default) =>
        StartAsync(Select(containers), embeddedBrokers, log, containers, cancellationToken);

    internal static async Task<KafkaTestBroker> StartAsync(KafkaBrokerSelection selection, int embeddedBrokers, Action<string>? log,
        IKafkaContainerRuntime? containers, CancellationToken cancellationToken)
    {
        var broker = selection.Kind switch
        {
            KafkaBrokerKind.External => ConnectExternal(selection),
            KafkaBrokerKind.Container => await StartContainerAsync(selection, containers, cancellationToken),
            _ => StartEmbedded(selection, embeddedBrokers),
        };
        (log ?? Console.WriteLine)($"KafkaTestBroker: {broker}");
        return broker;
    }

    /// <summary>
    /// Creates a topic on any kind of broker (the embedded one through its mock API, the others through
    /// the admin API). A topic that already exists is left as it is.
    /// </summary>
    public async Task CreateTopicAsync(string topic, int partitions = 1, int replicationFactor = 1, CancellationToken cancellationToken = default)
    {
        if (Embedded is not null)
        {
            try
            {
                Embedded.CreateTopic(topic, partitions, replicationFactor);
            }
            catch (EmbeddedKafkaException e) when (e.Code == ErrorCode.TopicAlreadyExists)
            {
            }
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = (short)replicationFactor }],
                new CreateTopicsOptions { RequestTimeout = AdminTimeout, OperationTimeout = AdminTimeout }).WaitAsync(cancellationToken);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
        }
    }

    public override string ToString() => $"{Kind} broker at {BootstrapServers} ({Selection.Reason})";

    public async ValueTask DisposeAsync()
    {
        Embedded?.Dispose();
        if (_container is not null) await _container.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static KafkaTestBroker StartEmbedded(KafkaBrokerSelection selection, int brokers)
    {
        var embedded = EmbeddedKafka.Start(brokers);
        return new KafkaTestBroker(selection, embedded.BootstrapServers, embedded.BrokerCount, embedded);
    }

    // Fails fast, naming the variable, when the external broker cannot be reached.
    private static KafkaTestBroker ConnectExternal(KafkaBrokerSelection selection)
    {
        var bootstrap = selection.BootstrapServers!;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        try
        {
            var metadata = admin.GetMetadata(AdminTimeout);
            return new KafkaTestBroker(selection, bootstrap, metadata.Brokers.Count);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException($"No Kafka broker answered at {bootstrap} ({BootstrapServersVariable}): {e.Error.Reason}", e);
        }
    }

    private static async Task<KafkaTestBroker> StartContainerAsync(KafkaBrokerSelection selection, IKafkaContainerRuntime? containers,
        CancellationToken cancellationToken)
    {
        if (containers is null)
            throw new InvalidOperationException($"A container broker was selected ({selection.Reason}) but no container runtime was given to start it.");
        var container = await containers.StartAsync(cancellationToken);
        return new KafkaTestBroker(selection, container.BootstrapServers, brokerCount: 1, container: container);
    }
}
