using KafkaActors.Testing;
using KafkaActors.Testing.Testcontainers;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KafkaActors.Tests.Support;

/// <summary>
/// The broker for tests that need "a Kafka", whichever <see cref="KafkaTestBroker"/> picks (external,
/// container or embedded), shared by the tests of a class: <c>IClassFixture&lt;KafkaBrokerFixture&gt;</c>.
/// Embedded, it has three brokers so that replication and partition leadership are spread like a real cluster.
/// The choice is written as an xunit diagnostic message (shown with diagnosticMessages on) and to the console.
/// </summary>
public sealed class KafkaBrokerFixture : IAsyncLifetime
{
    public const int EmbeddedBrokers = 3;

    private readonly IMessageSink _diagnostics;
    private KafkaTestBroker? _broker;

    public KafkaBrokerFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public KafkaTestBroker Broker => _broker ?? throw new InvalidOperationException("The broker starts in InitializeAsync.");

    public async Task InitializeAsync() =>
        _broker = await DockerKafkaContainers.StartBrokerAsync(EmbeddedBrokers, line =>
        {
            _diagnostics.OnMessage(new DiagnosticMessage(line));
            Console.WriteLine(line);
        });

    public async Task DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync();
    }
}
