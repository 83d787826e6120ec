namespace KafkaActors.Cli.Broker;

/// <summary>
/// What the embedded broker keeps: librdkafka's mock cluster holds about 5 MiB or 100,000 batches per partition
/// and drops the oldest records beyond that. Hard-coded there; its C API has no setting for it (checked in 2.16).
/// </summary>
internal static class EmbeddedRetention
{
    public const long BytesPerPartition = 5L * 1024 * 1024;

    public const string Description = "the embedded broker keeps about 5 MB or 100,000 batches per partition and drops older records";
}
