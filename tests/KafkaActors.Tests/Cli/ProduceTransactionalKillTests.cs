using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaActors.Cli;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// produce --transactional-id killed with SIGKILL in the middle of a transaction: a read_committed reader sees
/// whole transactions only. Needs a real Kafka (the embedded broker shows open and aborted records to read_committed).
/// </summary>
public sealed class ProduceTransactionalKillTests(KafkaBrokerFixture fixture) : IClassFixture<KafkaBrokerFixture>
{
    private static readonly TimeSpan ReadBack = TimeSpan.FromSeconds(60);

    [RealKafkaFact]
    public async Task Killed_mid_transaction_a_read_committed_reader_sees_a_prefix_of_whole_transactions_and_a_rerun_fences_and_continues()
    {
        var servers = fixture.Broker.BootstrapServers;
        var topic = TestTopic.NewName("tx-sigkill");
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).Build())
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = 1 }]);

        using (var first = CliProcess.Start("produce", "-b", servers, "-t", topic, "--transactional-id", topic, "--transaction-records", "10", "--report", "-"))
        {
            await first.WriteInputAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 35).Select(i => $"line {i}\n"))));
            for (var i = 0; i < 30; i++) Assert.Equal("committed", JsonDocument.Parse((await first.ReadLineAsync())!).RootElement.Status());
            // The open transaction's five records reach the broker before the kill.
            await Eventually.AssertAsync(() => Assert.Equal(35, TestConsumer.ReadToEnd<Ignore, string>(servers, topic, ReadBack, IsolationLevel.ReadUncommitted).Count), ReadBack);
            first.Kill();
        }

        Assert.Equal(Lines(1, 30), TestConsumer.ReadToEnd<Ignore, string>(servers, topic, ReadBack).Select(r => r.Message.Value));

        var second = await CliProcess.RunAsync("produce", "-b", servers, "-t", topic, "--transactional-id", topic, "--transaction-records", "10");
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(Lines(1, 30), TestConsumer.ReadToEnd<Ignore, string>(servers, topic, ReadBack).Select(r => r.Message.Value));
    }

    private static IEnumerable<string> Lines(int from, int count) => Enumerable.Range(from, count).Select(i => $"line {i}");
}
