using System.Text.Json;
using KafkaActors.Cli;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public async Task Json_report_has_a_row_per_path_with_medians_and_ratios_to_raw()
    {
        var result = await CliProcess.RunAsync("bench", "--messages", "2000", "--size", "50", "--runs", "2", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        Assert.Equal(2000, report.GetProperty("messages").GetInt32());
        Assert.Equal(50, report.GetProperty("messageSize").GetInt32());
        Assert.Equal(2, report.GetProperty("rounds").GetInt32());
        var rows = report.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(["raw", "flow", "actor", "tx-100", "tx-1000", "tx-10000"], rows.Select(r => r.GetProperty("name").GetString()));
        foreach (var row in rows)
        {
            Assert.True(row.GetProperty("messagesPerSecond").GetDouble() > 0);
            Assert.True(row.GetProperty("cpuSeconds").GetDouble() > 0);
            Assert.True(row.GetProperty("bytesPerMessage").GetDouble() > 0);
            Assert.Equal(2, row.GetProperty("runs").GetArrayLength());
        }
        Assert.Equal(1.0, rows[0].GetProperty("throughputRatio").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("meetsBar").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, rows[1].GetProperty("meetsBar").ValueKind);
        // Progress goes to stderr: the warm-up and two rounds of each path.
        Assert.Equal(3 * rows.Count, result.StderrLines.Count(l => l.Contains(" msgs/s, ")));
    }

    [Fact]
    public async Task Redirected_table_is_plain_text()
    {
        var result = await CliProcess.RunAsync("bench", "-n", "1000", "--runs", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains("| raw: Confluent Produce(topic, message, handler) + Flush", result.Stdout);
        Assert.Contains("| flow: KafkaProducerFlow", result.Stdout);
        Assert.Contains("1,000 x 100 B per run", result.Stdout);
    }
}
