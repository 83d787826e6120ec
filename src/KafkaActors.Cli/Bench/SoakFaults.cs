using Confluent.Kafka;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>The soak's fault schedule, each fault at a point of progress (fraction of records answered).</summary>
internal sealed class SoakFaults(EmbeddedKafka kafka, Func<double> progress, Action<string> log)
{
    private static readonly ErrorCode[] Burst = Enumerable.Range(0, 60)
        .Select(i => (i % 3) switch { 0 => ErrorCode.RequestTimedOut, 1 => ErrorCode.NotEnoughReplicas, _ => ErrorCode.NotLeaderForPartition })
        .ToArray();

    private readonly List<string> _applied = new();

    /// <summary>What was done, in order, with the progress it was done at.</summary>
    public IReadOnlyList<string> Applied => _applied;

    public async Task RunAsync(Task finished, CancellationToken ct)
    {
        (double At, string Name, Func<Task> Apply)[] schedule =
        [
            (0.10, $"{Burst.Length} Produce requests answered with retriable errors", Errors),
            (0.30, "broker 2 down for 2 s", () => Down(TimeSpan.FromSeconds(2), 2)),
            (0.50, $"{Burst.Length} Produce requests answered with retriable errors", Errors),
            (0.65, "every broker down for 3 s", () => Down(TimeSpan.FromSeconds(3), 1, 2, 3)),
            (0.85, $"{Burst.Length} Produce requests answered with retriable errors", Errors),
        ];
        foreach (var (at, name, apply) in schedule)
        {
            while (progress() < at)
            {
                if (finished.IsCompleted) return;
                await Task.Delay(20, ct);
            }
            var line = $"at {progress():P0} answered: {name}";
            log(line);
            _applied.Add(line);
            await apply();
        }
    }

    private Task Errors()
    {
        kafka.PushProduceErrors(Burst);
        return Task.CompletedTask;
    }

    private async Task Down(TimeSpan length, params int[] brokers)
    {
        foreach (var broker in brokers) kafka.SetBrokerDown(broker);
        await Task.Delay(length); // the fault's length, not a wait for a result
        foreach (var broker in brokers) kafka.SetBrokerUp(broker);
    }
}
