namespace KafkaActors.Cli.Bench;

/// <summary>
/// The rows of the benchmark, in the order they run within each round. The first is the baseline the
/// others are compared with. The full actor pipeline joins here as a third row once it exists.
/// </summary>
internal static class BenchTargets
{
    public static IReadOnlyList<IBenchTarget> All(BenchEnvironment environment) =>
    [
        new RawProducerTarget(environment),
        new ProducerFlowTarget(environment),
    ];
}
