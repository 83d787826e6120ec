using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <see cref="KafkaProducerFlow"/>: a source of pre-built envelopes through the flow into a sink that
/// counts outcomes. The flow gets a producer built from the same properties as the raw row's.
/// </summary>
internal sealed class ProducerFlowRun : ProducerRun
{
    private readonly BenchEnvironment _environment;
    private readonly ProducerEnvelope<Null, byte[], int>[] _envelopes;

    public ProducerFlowRun(BenchEnvironment environment, string topic) : base(environment, topic)
    {
        _environment = environment;
        _envelopes = Messages.Select((message, i) => new ProducerEnvelope<Null, byte[], int>(topic, message, i)).ToArray();
    }

    public override Task<DeliveryCount> ExecuteAsync(CancellationToken ct) =>
        Source.From(_envelopes)
            .Via(KafkaProducerFlow.Create<Null, byte[], int>(_environment.Settings, Producer))
            .RunWith(Sink.Aggregate<DeliveryOutcome<Null, byte[], int>, DeliveryCount>(default,
                static (count, outcome) => count.Add(outcome is DeliveryOutcome<Null, byte[], int>.Delivered)), _environment.Materializer);
}
