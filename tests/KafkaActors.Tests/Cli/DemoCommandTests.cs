using System.Text.Json;
using KafkaActors.Cli;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>The demo runs the whole pipeline under faults and proves every record is accounted for.</summary>
public class DemoCommandTests
{
    [Fact]
    public async Task The_demo_accounts_for_every_record_under_injected_faults_and_says_so_in_json()
    {
        var result = await CliProcess.RunAsync("demo", "--records", "6000", "--keys", "500", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        var delivered = report.GetProperty("delivered").GetInt32();
        var deadLettered = report.GetProperty("deadLettered").GetInt32();
        Assert.Equal(6000, report.GetProperty("records").GetInt32());
        Assert.Equal(6000, delivered + deadLettered);
        Assert.Equal(10, deadLettered); // 5 oversize + 5 for a partition that does not exist: permanent
        Assert.Equal(["Permanent: Local_UnknownPartition", "Permanent: MsgSizeTooLarge"],
            report.GetProperty("deadLetterReasons").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(report.GetProperty("failedAttempts").GetInt32() > 0, "the injected faults were retried");
        var readBack = report.GetProperty("readBack");
        Assert.Equal(delivered, readBack.GetProperty("deliveredFoundOnTopic").GetInt32());
        Assert.Equal(10, readBack.GetProperty("deadLetteredFoundOnDlt").GetInt32());
        Assert.Equal(0, readBack.GetProperty("deadLetteredNotPublished").GetInt32());
        Assert.True(report.GetProperty("allAccountedFor").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task With_no_command_the_demo_runs()
    {
        var result = await CliProcess.RunAsync("--records", "500", "--keys", "50");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        Assert.Contains("all accounted for", result.Stdout);
        Assert.Contains("KafkaActors demo", result.Stdout);
    }
}
