using Akka.Actor;
using KafkaActors.Testing;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Base for producer-actor tests: one embedded broker per test (faults are cluster-wide), a topic
/// whose name is unique in the process (metrics are process-wide and tagged by topic), and builders
/// for settings, producers and envelopes.
/// </summary>
public abstract class ProducerActorSpec : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>
    /// Broker errors surface to the pipeline instead of being retried inside librdkafka; one request in
    /// flight per connection keeps partition order, as preserve-key-order = on requires without idempotence.
    /// </summary>
    protected static readonly (string Key, string Value)[] SurfaceBrokerErrors =
        [("retries", "0"), ("enable.idempotence", "false"), ("max.in.flight.requests.per.connection", "1")];

    protected ProducerActorSpec(int brokers = 1, string? config = null, ITestOutputHelper? output = null)
        : base(config ?? "akka.loglevel = INFO", output)
    {
        Kafka = EmbeddedKafka.Start(brokers);
        Topic = TestTopic.NewName(GetType().Name);
    }

    protected EmbeddedKafka Kafka { get; }

    /// <summary>This test's topic.</summary>
    protected string Topic { get; }

    protected string DeadLetterTopic => Topic + ".DLT";

    /// <summary>Creates the topic and its dead-letter topic: clients that saw a topic missing keep stale metadata.</summary>
    protected void CreateTopics(int partitions = 1) => CreateTopics(Topic, partitions);

    protected void CreateTopics(string topic, int partitions)
    {
        Kafka.CreateTopic(topic, partitions);
        Kafka.CreateTopic(topic + ".DLT", 1);
    }

    /// <summary>This broker, quick backoffs, short close and flush timeouts, plus the given client properties.</summary>
    protected ProducerActorSettings<string, string> Settings(params (string Key, string Value)[] properties) =>
        ProducerActorSettings<string, string>.Create(Sys)
            .WithProducer(p => p.WithBootstrapServers(Kafka.BootstrapServers)
                .WithFlushTimeout(TimeSpan.FromSeconds(1))
                .WithProperties(properties.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value))))
            .WithRetry(r => r.WithBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), 0.2))
            .WithCloseTimeout(TimeSpan.FromSeconds(2));

    protected IActorRef StartProducer(ProducerActorSettings<string, string> settings, IActorRef? success = null,
        IActorRef? deadLetters = null, IProducerListener<string, string, int>? listener = null) =>
        Sys.ActorOf(KafkaProducerActor.Props(settings, success, deadLetters, listener));

    /// <summary>A producer whose success and dead-letter actor records into <paramref name="notified"/>.</summary>
    protected IActorRef StartProducer(ProducerActorSettings<string, string> settings, OutcomeLog notified,
        IProducerListener<string, string, int>? listener = null)
    {
        var recorder = notified.StartRecorder(Sys);
        return StartProducer(settings, recorder, recorder, listener);
    }

    /// <summary>Record <paramref name="id"/> (its context) with a key from <paramref name="keys"/> distinct keys.</summary>
    protected ProducerEnvelope<string, string, int> Envelope(int id, int keys = 10, string? value = null) =>
        ProducerEnvelope.Create(Topic, $"key-{id % keys}", value ?? $"value-{id}", id);

    protected static Produce<string, string, int> Produce(ProducerEnvelope<string, string, int> envelope) => KafkaActors.Produce.Create(envelope);

    /// <summary>Stops the producer gracefully and waits for it to be gone.</summary>
    /// <summary>
    /// Stops the producer, then gives the outcomes it sent to <paramref name="notified"/>'s recorder (another
    /// actor, another mailbox) time to arrive: the producer can be gone before its last messages are read.
    /// Returns either way, so the caller's assertions say what is missing.
    /// </summary>
    protected async Task StopGracefully(IActorRef producer, OutcomeLog notified, int expectedTerminal)
    {
        await StopGracefully(producer);
        await Task.WhenAny(notified.WhenTerminal(expectedTerminal), Task.Delay(TimeSpan.FromSeconds(10)));
    }

    protected async Task StopGracefully(IActorRef producer, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(30);
        var watcher = CreateTestProbe();
        watcher.Watch(producer);
        await producer.Ask<Akka.Done>(StopProducing.Instance, wait);
        watcher.ExpectTerminated(producer, wait);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        Kafka.Dispose();
    }
}
