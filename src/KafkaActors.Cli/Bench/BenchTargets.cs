namespace KafkaActors.Cli.Bench;

/// <summary>
/// The rows of the benchmark, in the order they run within each round. The first is the baseline the
/// others are compared with.
/// </summary>
internal static class BenchTargets
{
    public static IReadOnlyList<BenchTarget> All(BenchEnvironment environment, bool tracing = false) =>
        tracing ? [.. Rows(environment), .. TracedRows(environment)] : Rows(environment);

    private static IReadOnlyList<BenchTarget> Rows(BenchEnvironment environment) =>
    [
        new("raw", "Confluent Produce(topic, message, handler) + Flush", topic => new RawProducerRun(environment, topic)),
        new("flow", "KafkaProducerFlow: Source(envelopes) -> flow -> counting sink", topic => new ProducerFlowRun(environment, topic)),
        new("actor", $"KafkaProducerActor: Produce -> reply, {ProducerActorRun.Window:N0} unanswered at most", topic => new ProducerActorRun(environment, topic)),
    ];

    // The actor row again with a listener on the record spans: every record, and one in a hundred.
    private static IReadOnlyList<BenchTarget> TracedRows(BenchEnvironment environment) =>
    [
        new("actor-traced", "the actor row, every record's span recorded (not exported)", topic => new TracedRun(new ProducerActorRun(environment, topic), 1)),
        new("actor-sampled", "the actor row, 1 record span in 100 recorded", topic => new TracedRun(new ProducerActorRun(environment, topic), 100)),
    ];
}
