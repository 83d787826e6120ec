using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <see cref="KafkaProducerFlow"/>: a source of pre-built envelopes through the flow into a sink that
/// counts outcomes. The flow gets a producer built from the same properties as the raw row's.
/// </summary>
internal sealed class ProducerFlowTarget(BenchEnvironment environment) : IBenchTarget
{
    public string Name => "flow";

    public string Description => "KafkaProducerFlow: Source(envelopes) -> flow -> counting sink";

    public IBenchRun Prepare(string topic) => new Run(environment, topic);

    private sealed class Run : IBenchRun
    {
        private readonly BenchEnvironment _environment;
        private readonly ProducerEnvelope<Null, byte[], int>[] _envelopes;
        private readonly IProducer<Null, byte[]> _producer;

        public Run(BenchEnvironment environment, string topic)
        {
            _environment = environment;
            _envelopes = environment.Workload.BuildMessages().Select((m, i) => new ProducerEnvelope<Null, byte[], int>(topic, m, i)).ToArray();
            _producer = environment.BuildProducer();
        }

        public Task<DeliveryCount> ExecuteAsync(CancellationToken ct) =>
            Source.From(_envelopes)
                .Via(KafkaProducerFlow.Create<Null, byte[], int>(_environment.Settings.WithProducer(_producer)))
                .RunWith(Sink.Aggregate<DeliveryOutcome<Null, byte[], int>, DeliveryCount>(default,
                    static (count, outcome) => count.Add(outcome is DeliveryOutcome<Null, byte[], int>.Delivered)), _environment.Materializer);

        public void Dispose() => _producer.Dispose();
    }
}
