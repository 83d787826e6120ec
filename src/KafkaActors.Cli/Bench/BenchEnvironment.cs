using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// What the benchmark rows share: one workload, one broker, one actor system, and one set of client
/// properties (<see cref="Settings"/>, from the reference configuration) for every producer they build.
/// </summary>
internal sealed record BenchEnvironment(
    BenchWorkload Workload,
    ProducerPipelineSettings<Null, byte[]> Settings,
    ActorSystem System,
    IMaterializer Materializer)
{
    /// <summary>A producer from exactly the same properties dictionary for every row.</summary>
    public IProducer<Null, byte[]> BuildProducer() => new ProducerBuilder<Null, byte[]>(Settings.Properties).Build();
}
