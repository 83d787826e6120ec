using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <see cref="KafkaProducerFlow"/> with its own producer, as a user's would be: a source of pre-built envelopes through
/// the flow into a sink that counts outcomes. The stream is materialized when the run is prepared (so the flow's producer
/// is built before the clock starts, like the raw row's) and held at its start until the run executes.
/// </summary>
internal sealed class ProducerFlowRun : IBenchRun
{
    private readonly TaskCompletionSource<bool> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<DeliveryCount> _run;

    public ProducerFlowRun(BenchEnvironment environment, string topic)
    {
        var envelopes = environment.Workload.BuildEnvelopes(topic);
        _run = Source.FromTask(_start.Task)
            .SelectMany(_ => envelopes)
            .Via(KafkaProducerFlow.Create<Null, byte[], int>(environment.Settings))
            .RunWith(Sink.Aggregate<DeliveryOutcome<Null, byte[], int>, DeliveryCount>(default,
                static (count, outcome) => count.Add(outcome is DeliveryOutcome<Null, byte[], int>.Delivered)), environment.Materializer);
    }

    public Task<DeliveryCount> ExecuteAsync(CancellationToken ct)
    {
        _start.TrySetResult(true);
        return _run.WaitAsync(ct);
    }

    // Not started (a failed run before it): let the stream complete empty.
    public void Dispose() => _start.TrySetResult(false);
}
