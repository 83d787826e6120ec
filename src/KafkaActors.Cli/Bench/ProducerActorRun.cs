using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The full actor pipeline: <c>Produce</c> to a <see cref="KafkaProducerActor"/> (intake, send gate,
/// producer stage, outcome routing, one reply per record) with at most <see cref="Window"/> unanswered.
/// Records have no key, so per-key order holds nothing back.
/// </summary>
internal static class ProducerActorRun
{
    public const int Window = 10_000;

    public static IBenchRun Prepare(BenchEnvironment environment, string topic) =>
        new ActorRun<Null, byte[]>(environment.System, ProducerActorSettings<Null, byte[]>.Create(environment.System).WithProducer(environment.Settings),
            environment.Workload.BuildEnvelopes(topic));
}
