namespace KafkaActors.Cli.Bench;

/// <summary>One prepared run of a <see cref="BenchTarget"/>; disposing it releases what it holds (its producer).</summary>
internal interface IBenchRun : IDisposable
{
    /// <summary>The measured part: send every record; complete once every outcome has been handled.</summary>
    Task<DeliveryCount> ExecuteAsync(CancellationToken ct);
}
