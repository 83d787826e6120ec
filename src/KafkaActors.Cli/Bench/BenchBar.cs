namespace KafkaActors.Cli.Bench;

/// <summary>
/// A row's targets against its baseline row (ANCHORS.md): at least <see cref="MinBestRatio"/> of the
/// baseline's best round, at most <see cref="MaxCpuRatio"/> of its median CPU per message and at most
/// <see cref="MaxBytesRatio"/> of its bytes per message; a null limit is not part of the bar.
/// Best rounds, because the machine is shared: a slow round says more about the neighbours than the code.
/// </summary>
internal sealed record BenchBar(double MinBestRatio, double? MaxCpuRatio = null, double? MaxBytesRatio = null)
{
    public bool IsMetBy(double bestRatio, double cpuRatio, double bytesRatio) =>
        bestRatio >= MinBestRatio && (MaxCpuRatio is not { } cpu || cpuRatio <= cpu) && (MaxBytesRatio is not { } bytes || bytesRatio <= bytes);

    public override string ToString() =>
        string.Join(", ", new[]
        {
            $">= {MinBestRatio:0.00}x best",
            MaxCpuRatio is { } cpu ? $"<= {cpu:0.00}x CPU/msg" : null,
            MaxBytesRatio is { } bytes ? $"<= {bytes:0.00}x bytes/msg" : null,
        }.Where(p => p is not null));
}
