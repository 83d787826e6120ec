namespace KafkaActors.Cli.Bench;

/// <summary>One measured run of one row: wall time, process CPU time, managed bytes allocated, and the key-order reorders counted.</summary>
internal sealed record RunMeasurement(string Target, int Round, int Messages, double ElapsedSeconds, double CpuSeconds, long AllocatedBytes,
    long KeyOrderViolations)
{
    public double MessagesPerSecond => Messages / ElapsedSeconds;

    /// <summary>Process CPU (every thread: ours, Akka's, librdkafka's) per record, in microseconds.</summary>
    public double CpuMicrosPerMessage => CpuSeconds * 1e6 / Messages;

    public double BytesPerMessage => (double)AllocatedBytes / Messages;
}
