using KafkaActors.Cli;
using KafkaActors.Tests.Cli;
using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>The outbox report across runs: one file, appended to, whose lines stay whole JSON.</summary>
public sealed class OutboxReportTests : ProduceSpec
{
    [Fact]
    public async Task A_line_a_kill_tore_mid_write_is_ended_before_the_next_run_appends()
    {
        Kafka.CreateTopic("torn");
        var report = Write("report.jsonl", "{\"line\":1,\"status\":\"accepted\"}\n{\"line\":2,\"sta");

        var result = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "torn", "--file", Write("in.txt", "three\n"),
            "--outbox", Path.Combine(Dir, "outbox.db"), "--report", report);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        var lines = (await File.ReadAllTextAsync(report)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["{\"line\":1,\"status\":\"accepted\"}", "{\"line\":2,\"sta", "{\"line\":1,\"status\":\"accepted\"}"], lines[..3]);
        Assert.Equal("delivered", ProduceReport.Parse(lines[3]).Single().Status());
    }
}
