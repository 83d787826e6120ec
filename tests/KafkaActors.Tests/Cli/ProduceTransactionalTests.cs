using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using KafkaActors.Cli;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>kafka-actors produce --transactional-id: lines in transactions of --transaction-records, the rest at the end.</summary>
public sealed class ProduceTransactionalTests : ProduceSpec
{
    [Fact]
    public async Task Lines_are_committed_in_transactions_of_n_and_the_rest_at_the_end_each_with_its_report_line()
    {
        Kafka.CreateTopic("tx-lines");
        var input = Write("input.txt", string.Concat(Enumerable.Range(1, 25).Select(i => $"line {i}\n")));

        var result = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "tx-lines", "--file", input,
            "--transactional-id", "cli-tx", "--transaction-records", "10", "--report", "-");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var report = ProduceReport.Parse(result.Stdout);
        ProduceReport.AssertOneLineEachInOrder(report, 25);
        Assert.All(report, r => Assert.Equal("committed", r.Status()));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i / 10 + 1), report.Select(r => r.GetProperty("transaction").GetInt32()));
        var stored = TestConsumer.ReadToEnd<Ignore, string>(Kafka.BootstrapServers, "tx-lines", ReadBack);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"line {i}"), stored.Select(r => r.Message.Value));
        Assert.Equal(report.Select(r => r.Where()), stored.Select(s => (s.Partition.Value, s.Offset.Value)));
        Assert.Contains("25 delivered", result.Stderr);
    }

    [Fact]
    public async Task Killed_between_transactions_then_run_again_with_the_same_id_the_topic_holds_each_line_once_in_order()
    {
        Kafka.CreateTopic("tx-killed");
        using (var first = CliProcess.Start("produce", "-b", Kafka.BootstrapServers, "-t", "tx-killed", "--transactional-id", "cli-killed",
                   "--transaction-records", "10", "--report", "-"))
        {
            await first.WriteInputAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\n"))));
            for (var i = 0; i < 30; i++) Assert.Equal("committed", JsonDocument.Parse((await first.ReadLineAsync())!).RootElement.Status());
            first.Kill();
        }

        var rest = Write("rest.txt", string.Concat(Enumerable.Range(31, 15).Select(i => $"line {i}\n")));
        var second = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "tx-killed", "--file", rest,
            "--transactional-id", "cli-killed", "--transaction-records", "10");

        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        var stored = TestConsumer.ReadToEnd<Ignore, string>(Kafka.BootstrapServers, "tx-killed", ReadBack);
        Assert.Equal(Enumerable.Range(1, 45).Select(i => $"line {i}"), stored.Select(r => r.Message.Value));
    }
}
