namespace KafkaActors.Cli.Bench;

/// <summary>
/// One row of the benchmark: a way of producing the workload. A new row is an <see cref="IBenchRun"/>
/// and one line in <see cref="BenchTargets"/>.
/// </summary>
/// <param name="Name">Short name used in the table, the JSON and topic names ("raw", "flow", "actor-on-10k").</param>
/// <param name="Description">What exactly is measured, in a line.</param>
/// <param name="Messages">Records per run.</param>
/// <param name="Prepare">Everything one run on the given topic needs that is not measured.</param>
/// <param name="Baseline">The row this one's ratios are to; null: the first row.</param>
/// <param name="Bar">What this row must reach against its baseline; null: shown for comparison only.</param>
internal sealed record BenchTarget(string Name, string Description, int Messages, Func<string, IBenchRun> Prepare,
    string? Baseline = null, BenchBar? Bar = null);
