using System.Text;
using KafkaActors.Cli;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>produce streams: its memory does not grow with the input (issue 12: 1M lines once peaked at ~700 MB).</summary>
public sealed class ProduceMemoryTests
{
    private const int Lines = 1_000_000;
    private const long Bound = 300L * 1024 * 1024;

    [LinuxFact]
    public async Task A_million_lines_stay_under_300_MB_of_resident_memory()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("many", 8);
        using var cli = CliProcess.Start("produce", "-b", kafka.BootstrapServers, "-t", "many", "--report", "-");

        var writing = Task.Run(async () =>
        {
            for (var start = 1; start <= Lines; start += 10_000)
                await cli.WriteInputAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(start, 10_000).Select(n => $"record {n:D7} of the memory test\n"))));
        });
        var reported = 0;
        while (reported < Lines && await cli.ReadLineAsync() is { } line)
        {
            reported++;
            if (reported % 100_000 == 0) Assert.Contains($"\"line\":{reported},", line);
        }
        await writing;

        // Every line is reported and the input is still open: the process is alive to be measured.
        Assert.Equal(Lines, reported);
        var peak = cli.PeakResidentBytes();
        Assert.True(peak < Bound, $"peak resident memory {peak / (1024 * 1024)} MB for {Lines:N0} lines");
        cli.CloseInput();
        Assert.Equal(ExitCodes.Ok, await cli.WaitForExitAsync());
    }
}
