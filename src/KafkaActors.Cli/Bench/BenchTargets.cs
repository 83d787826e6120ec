namespace KafkaActors.Cli.Bench;

/// <summary>
/// The rows of the benchmark, in the order they run within each round. The first is the baseline the
/// others are compared with.
/// </summary>
internal static class BenchTargets
{
    public static IReadOnlyList<BenchTarget> All(BenchEnvironment environment) =>
    [
        new("raw", "Confluent Produce(topic, message, handler) + Flush", topic => new RawProducerRun(environment, topic)),
        new("flow", "KafkaProducerFlow: Source(envelopes) -> flow -> counting sink", topic => new ProducerFlowRun(environment, topic)),
        new("actor", $"KafkaProducerActor: Produce -> reply, {ProducerActorRun.Window:N0} unanswered at most", topic => new ProducerActorRun(environment, topic)),
    ];
}
