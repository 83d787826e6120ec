using System.Text;
using KafkaActors.Cli;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// produce stopped by SIGINT, SIGTERM (sent with kill(2) to the child) or a closed standard output: it stops
/// reading, lets records in flight finish within close-timeout, and still reports every line it read;
/// every record on the topic has its report line.
/// </summary>
public sealed class ProduceInterruptionTests : ProduceSpec
{

    [UnixFact]
    public Task SIGINT_with_records_in_flight_lets_them_finish_reports_every_line_read_and_exits_130() =>
        InterruptedWithRecordsInFlight(cli => cli.Interrupt(), ExitCodes.Interrupted, "SIGINT");

    [UnixFact]
    public Task SIGTERM_with_records_in_flight_lets_them_finish_reports_every_line_read_and_exits_143() =>
        InterruptedWithRecordsInFlight(cli => cli.Terminate(), ExitCodes.Terminated, "SIGTERM");

    private async Task InterruptedWithRecordsInFlight(Action<CliProcess> signal, int exitCode, string signalName)
    {
        const string topic = "interrupted";
        Kafka.CreateTopic(topic, 2);
        var report = Path.Combine(Dir, "report.jsonl");
        Kafka.SetBrokerRtt(1, TimeSpan.FromMilliseconds(300)); // every request stays in flight a while, well inside close-timeout
        using var cli = CliProcess.Start("produce", "-b", Kafka.BootstrapServers, "-t", topic, "--report", report);
        await cli.WriteInputAsync(Lines(1, 2_000));
        await Eventually.AssertAsync(() => Assert.True(Kafka.ProduceRequestCount > 0), ReadBack); // records are in flight now

        signal(cli);

        Assert.Equal(exitCode, await cli.WaitForExitAsync());
        Assert.Contains($"stopped by {signalName}", await cli.StandardErrorAsync());
        var lines = ProduceReport.Parse(await File.ReadAllTextAsync(report));
        Assert.NotEmpty(lines);
        ProduceReport.AssertOneLineEachInOrder(lines, lines.Count);
        Assert.All(lines, l => Assert.Equal("delivered", l.Status())); // in flight, and finished within close-timeout
        Kafka.SetBrokerRtt(1, TimeSpan.Zero);
        AssertEveryRecordOnTheTopicHasItsReportLine(topic, lines);
    }

    [UnixFact]
    public async Task Records_still_in_flight_when_close_timeout_passes_are_reported_dead_lettered_for_Shutdown()
    {
        const string topic = "stuck";
        Kafka.CreateTopic(topic);
        var config = Path.Combine(Dir, "short.conf");
        await File.WriteAllTextAsync(config, "kafka-actors.actor.close-timeout = 200ms\nkafka-actors.producer.flush-timeout = 1s");
        using var cli = CliProcess.Start("produce", "-b", Kafka.BootstrapServers, "-t", topic, "--config", config, "--report", "-");
        await cli.WriteInputAsync(Lines(1, 1));
        Assert.NotNull(await cli.ReadLineAsync()); // connected and delivering
        var requestsBefore = Kafka.ProduceRequestCount;
        Kafka.SetBrokerRtt(1, TimeSpan.FromSeconds(10)); // answers now come long after close-timeout
        await cli.WriteInputAsync(Lines(2, 50));
        await Eventually.AssertAsync(() => Assert.True(Kafka.ProduceRequestCount > requestsBefore), ReadBack); // read and sent

        cli.Interrupt();
        var rest = new StringBuilder();
        while (await cli.ReadLineAsync() is { } line) rest.AppendLine(line);

        var exitCode = await cli.WaitForExitAsync();
        Assert.True(exitCode == ExitCodes.Interrupted, $"exit code {exitCode}: {await cli.StandardErrorAsync()}");
        var lines = ProduceReport.Parse(rest.ToString());
        Assert.Equal(Enumerable.Range(2, 50).Select(n => (long)n), lines.Select(ProduceReport.Number));
        Assert.All(lines, l =>
        {
            Assert.Equal("dead-lettered", l.Status());
            Assert.Equal("Shutdown", l.GetProperty("reason").GetString());
            Assert.Equal("PossiblyPersisted", l.GetProperty("persisted").GetString()); // it may be on the topic all the same
            Assert.Contains("given up at shutdown", l.GetProperty("deadLetterNone").GetString());
        });
        Kafka.SetBrokerRtt(1, TimeSpan.Zero);
        var stored = TestConsumer.ReadToEnd<Confluent.Kafka.Ignore, string>(Kafka.BootstrapServers, topic, ReadBack);
        Assert.All(stored, r => Assert.Matches(@"^line ([1-9]|[1-4][0-9]|5[01])$", r.Message.Value)); // nothing that was not reported
    }

    [UnixFact]
    public async Task A_closed_standard_output_stops_reading_and_exits_with_the_io_code()
    {
        const string topic = "headed";
        Kafka.CreateTopic(topic);
        using var cli = CliProcess.Start("produce", "-b", Kafka.BootstrapServers, "-t", topic, "--report", "-");
        await cli.WriteInputAsync(Lines(1, 1));
        Assert.NotNull(await cli.ReadLineAsync());

        cli.CloseOutput(); // as `| head -1` does
        var written = 1;
        try
        {
            // Each line's report line now meets a closed pipe; the child stops reading after the first such write.
            while (!cli.HasExited && written < 100_000) await cli.WriteInputAsync(Lines(++written, 1));
        }
        catch (IOException)
        {
            // The child is gone and its input with it: that is the point.
        }

        Assert.Equal(ExitCodes.InputOutput, await cli.WaitForExitAsync());
        Assert.Contains("the report could not be written", await cli.StandardErrorAsync());
    }

    private void AssertEveryRecordOnTheTopicHasItsReportLine(string topic, IReadOnlyList<System.Text.Json.JsonElement> report)
    {
        var stored = TestConsumer.ReadToEnd<Confluent.Kafka.Ignore, string>(Kafka.BootstrapServers, topic, ReadBack);
        var byLine = report.ToDictionary(l => $"line {l.Number()}");
        Assert.All(stored, record =>
        {
            Assert.True(byLine.TryGetValue(record.Message.Value, out var line), $"'{record.Message.Value}' is on the topic but not in the report");
            Assert.Equal((record.Partition.Value, record.Offset.Value), line.Where());
        });
        Assert.Equal(report.Count, stored.Count); // and every delivered line is on the topic
    }

    private static byte[] Lines(int from, int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(from, count).Select(n => $"line {n}\n")));
}
