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
        .. TransactionSizes.Select(size => new BenchTarget($"tx-{size}", $"TransactionalProducerFlow: transactions of {size:N0} records, commit each",
            topic => new TransactionalFlowRun(environment, topic, size))),
    ];

    /// <summary>Records per transaction of the transactional rows: what each size buys is the README's table.</summary>
    public static readonly int[] TransactionSizes = [100, 1_000, 10_000];
}
