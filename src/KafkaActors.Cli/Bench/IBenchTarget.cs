namespace KafkaActors.Cli.Bench;

/// <summary>
/// One row of the benchmark: a way of producing the workload. A new row is a class implementing this
/// and one line in <see cref="BenchTargets"/>.
/// </summary>
internal interface IBenchTarget
{
    /// <summary>Short name used in the table, the JSON and topic names ("raw", "flow").</summary>
    string Name { get; }

    /// <summary>What exactly is measured, in a line.</summary>
    string Description { get; }

    /// <summary>Everything one run needs that is not measured: producer, pre-built records, the topic.</summary>
    IBenchRun Prepare(string topic);
}

/// <summary>One prepared run of a <see cref="IBenchTarget"/>; disposing it releases the producer.</summary>
internal interface IBenchRun : IDisposable
{
    /// <summary>The measured part: send every record; complete once every outcome has been handled.</summary>
    Task<DeliveryCount> ExecuteAsync(CancellationToken ct);
}
