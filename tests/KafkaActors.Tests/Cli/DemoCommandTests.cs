using System.Text.Json;
using Confluent.Kafka;
using KafkaActors.Cli;
using KafkaActors.Cli.Demo;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>The demo runs the whole pipeline under faults and proves every record is accounted for.</summary>
public class DemoCommandTests
{
    [UnixFact]
    public async Task The_durable_demo_kills_a_run_recovers_it_and_proves_every_accepted_line_landed()
    {
        var result = await CliProcess.RunAsync("demo", "--durable", "--records", "4000");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        Assert.Contains("every line reported accepted before the kill is on the topic", result.Stdout);
        Assert.Matches(@"\| accepted and not on the topic +\| +0 \|", result.Stdout);
        Assert.Matches(@"\| finished by run 2 \(recovered from the outbox\) +\| +[1-9][\d,]* \|", result.Stdout); // the kill left work
        Assert.Contains("run 1 killed: ", result.Stderr);
    }

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
        // 5 oversize + 5 for a partition that does not exist: permanent
        Assert.True(deadLettered == 10, $"dead-lettered {deadLettered}: {report.GetProperty("deadLetterReasons")}");
        Assert.Equal(["Permanent: Local_UnknownPartition", "Permanent: MsgSizeTooLarge"],
            report.GetProperty("deadLetterReasons").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(report.GetProperty("failedAttempts").GetInt32() > 0, "the injected faults were retried");
        var readBack = report.GetProperty("readBack");
        Assert.Equal(delivered, readBack.GetProperty("deliveredFoundOnTopic").GetInt32());
        // Say what the demo saw when a copy is missing (CI on a fresh clone, 2026-12-01 22:29, under load: 9 of 10 found once,
        // not reproduced in 7 runs since): published but not read back, or not publishable and why.
        var dltAccount = $"read back {readBack}; events {report.GetProperty("events")}; problems {report.GetProperty("problems")}";
        Assert.True(readBack.GetProperty("deadLetteredFoundOnDlt").GetInt32() == 10, dltAccount);
        Assert.True(readBack.GetProperty("deadLetteredNotPublished").GetInt32() == 0, dltAccount);
        Assert.True(report.GetProperty("allAccountedFor").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());

        // Log lines (the clients noticing the planned broker outage) are events in the result, never raw on stderr.
        AssertNoRawLogLines(result.Stderr);
        Assert.All(report.GetProperty("events").EnumerateArray(), e => Assert.True(e.GetProperty("count").GetInt32() > 0));
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("keeps about 5 MB", StringComparison.Ordinal));
    }

    // Akka's log line format, "[ERROR][date][Thread ...]"; and the dead-letter notice a clean stop must not give.
    private static void AssertNoRawLogLines(string output)
    {
        Assert.DoesNotContain("[ERROR]", output);
        Assert.DoesNotContain("[WARNING]", output);
        Assert.DoesNotContain("dead letters encountered", output);
    }

    [Fact]
    public void Records_the_broker_dropped_past_its_retention_are_counted_not_mistaken_for_lost_ones()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("small", 1);
        using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 0 }).Build())
        {
            for (var i = 0; i < 80; i++) producer.Produce("small", new Message<Null, byte[]> { Value = new byte[100_000] }); // 8 MB > 5 MB
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var contents = TopicAudit.IdsOn(kafka.BootstrapServers, "small", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(contents.DroppedByRetention > 0, "the mock cluster keeps about 5 MB per partition");
        Assert.True(contents.DroppedByRetention < 80);
    }

    [Fact]
    public async Task With_no_command_the_demo_runs()
    {
        var result = await CliProcess.RunAsync("--records", "500", "--keys", "50");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        Assert.Contains("all accounted for", result.Stdout);
        Assert.Contains("KafkaActors demo", result.Stdout);
        AssertNoRawLogLines(result.Stdout + result.Stderr);
    }
}
