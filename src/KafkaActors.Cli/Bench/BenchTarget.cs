namespace KafkaActors.Cli.Bench;

/// <summary>
/// One row of the benchmark: a way of producing the workload. A new row is an <see cref="IBenchRun"/>
/// and one line in <see cref="BenchTargets"/>.
/// </summary>
/// <param name="Name">Short name used in the table, the JSON and topic names ("raw", "flow").</param>
/// <param name="Description">What exactly is measured, in a line.</param>
/// <param name="Prepare">Everything one run on the given topic needs that is not measured.</param>
internal sealed record BenchTarget(string Name, string Description, Func<string, IBenchRun> Prepare);
