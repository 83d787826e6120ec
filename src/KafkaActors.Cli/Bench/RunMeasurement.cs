namespace KafkaActors.Cli.Bench;

/// <summary>One measured run of one row: wall time, process CPU time and managed bytes allocated.</summary>
internal sealed record RunMeasurement(string Target, int Round, int Messages, double ElapsedSeconds, double CpuSeconds, long AllocatedBytes)
{
    public double MessagesPerSecond => Messages / ElapsedSeconds;

    public double BytesPerMessage => (double)AllocatedBytes / Messages;
}
