using System.Collections.Immutable;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;

namespace KafkaActors.Tests.Transactions;

/// <summary>
/// Base for transactional-flow tests: one embedded broker per test (faults are cluster-wide), or the suite's
/// real broker for guarantees the embedded one cannot show; settings with short backoffs, and shorthands to
/// run envelopes through the flow and read a topic back as read_committed and read_uncommitted consumers see it.
/// </summary>
public abstract class TransactionalFlowSpec : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    private readonly EmbeddedKafka? _embedded;

    // bootstrapServers: a real broker's; null starts an embedded one.
    protected TransactionalFlowSpec(string? bootstrapServers = null) : base("akka.loglevel = INFO")
    {
        _embedded = bootstrapServers is null ? EmbeddedKafka.Start(brokers: 3) : null;
        BootstrapServers = bootstrapServers ?? _embedded!.BootstrapServers;
    }

    /// <summary>The embedded broker, for fault injection.</summary>
    protected EmbeddedKafka Kafka => _embedded ?? throw new InvalidOperationException("this test runs against a real broker");

    protected string BootstrapServers { get; }

    protected ProducerPipelineSettings<string, string> Producer() =>
        ProducerPipelineSettings<string, string>.Create(Sys).WithBootstrapServers(BootstrapServers)
            .WithProperty("linger.ms", "1").WithProperty("message.max.bytes", "100000");

    /// <summary>Transactions of <paramref name="maxRecords"/> envelopes; the interval is long so only the count closes them.</summary>
    protected TransactionSettings Transactions(int maxRecords) =>
        TransactionSettings.Create(Sys).WithMaxRecords(maxRecords).WithCommitInterval(TimeSpan.FromMinutes(1)).WithOperationTimeout(TimeSpan.FromSeconds(20));

    protected RetrySettings Retry(int maxAttempts = 5) =>
        RetrySettings.Create(Sys).WithBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), 0).WithMaxAttempts(maxAttempts);

    protected string NewTopic(string purpose, int partitions = 1)
    {
        var topic = TestTopic.NewName(purpose);
        if (_embedded is not null) _embedded.CreateTopic(topic, partitions);
        else
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
            admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]).GetAwaiter().GetResult();
        }
        return topic;
    }

    protected static IProducerEnvelope<string, string, int> Envelope(string topic, int id) =>
        ProducerEnvelope.Create(topic, $"key-{id}", $"value-{id}", id);

    protected static List<IProducerEnvelope<string, string, int>> Envelopes(string topic, int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => Envelope(topic, i)).ToList();

    protected Task<IImmutableList<TransactionOutcome<string, string, int>>> Run(IEnumerable<IProducerEnvelope<string, string, int>> envelopes,
        string suffix, TransactionSettings transactions, RetrySettings? retry = null,
        Func<IProducerEnvelope<string, string, int>, bool>? endsTransaction = null) =>
        Source.From(envelopes)
            .Via(TransactionalProducerFlow.Create(Producer(), transactions, retry ?? Retry(), suffix, endsTransaction: endsTransaction))
            .RunWith(Sink.Seq<TransactionOutcome<string, string, int>>(), Sys.Materializer());

    /// <summary>The values on <paramref name="topic"/> in offset order, as a consumer with <paramref name="isolation"/> reads them.</summary>
    protected IReadOnlyList<string> Values(string topic, IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        TestConsumer.ReadToEnd<string, string>(BootstrapServers, topic, ReadTimeout, isolation)
            .OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value).Select(r => r.Message.Value).ToList();

    protected static IEnumerable<string> ValuesOf(int from, int count) => Enumerable.Range(from, count).Select(i => $"value-{i}");

    protected override void AfterAll()
    {
        base.AfterAll();
        _embedded?.Dispose();
    }
}
