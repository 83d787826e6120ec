using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// A prepared run that owns a producer built from the shared properties and the run's pre-built
/// records; disposing it disposes the producer, after the measurement.
/// </summary>
internal abstract class ProducerRun : IBenchRun
{
    protected ProducerRun(BenchEnvironment environment, string topic)
    {
        Topic = topic;
        Messages = environment.Workload.BuildMessages();
        Producer = environment.BuildProducer();
    }

    protected string Topic { get; }

    protected Message<Null, byte[]>[] Messages { get; }

    protected IProducer<Null, byte[]> Producer { get; }

    public abstract Task<DeliveryCount> ExecuteAsync(CancellationToken ct);

    public void Dispose() => Producer.Dispose();
}
