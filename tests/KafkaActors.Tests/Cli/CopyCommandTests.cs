using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaActors.Cli;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>kafka-actors copy: consume-transform-produce in one process, each record once on the output.</summary>
public sealed class CopyCommandTests(KafkaBrokerFixture fixture) : IClassFixture<KafkaBrokerFixture>
{
    private static readonly TimeSpan ReadBack = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Copy_writes_every_input_record_to_the_output_in_order_and_stops_on_sigterm()
    {
        var (input, output) = await TopicsAsync("copy", 200);
        using var copy = Start(input, output, "copy");

        await Eventually.AssertAsync(() => Assert.Equal(200, Read(output).Count), ReadBack);
        copy.Terminate();

        Assert.Equal(ExitCodes.Terminated, await copy.WaitForExitAsync());
        Assert.Equal(Values(0, 200), Read(output));
    }

    [RealKafkaFact]
    public async Task Killed_with_sigkill_and_started_again_the_output_holds_each_input_record_once_in_order()
    {
        var (input, output) = await TopicsAsync("copy-killed", 5_000);
        using (var first = Start(input, output, "copy-killed"))
        {
            await Eventually.AssertAsync(() => Assert.True(Read(output).Count >= 1_000), ReadBack);
            first.Kill(); // mid-stream: a transaction is almost surely open
        }

        using var second = Start(input, output, "copy-killed");
        await Eventually.AssertAsync(() => Assert.Equal(5_000, Read(output).Count), ReadBack);
        second.Terminate();
        await second.WaitForExitAsync();
        Assert.Equal(Values(0, 5_000), Read(output)); // record by record: none lost, none twice, in order
    }

    private CliProcess Start(string input, string output, string id) =>
        CliProcess.Start("copy", "-b", fixture.Broker.BootstrapServers, "--from", input, "--to", output, "--group", $"{id}-group",
            "--transactional-id", id, "--transaction-records", "100");

    private List<string> Read(string topic) =>
        TestConsumer.ReadToEnd<Ignore, string>(fixture.Broker.BootstrapServers, topic, ReadBack).Select(r => r.Message.Value).ToList();

    private static IEnumerable<string> Values(int from, int count) => Enumerable.Range(from, count).Select(i => $"record {i}");

    private async Task<(string Input, string Output)> TopicsAsync(string purpose, int records)
    {
        var (input, output) = (TestTopic.NewName($"{purpose}-in"), TestTopic.NewName($"{purpose}-out"));
        if (fixture.Broker.Embedded is { } embedded)
        {
            embedded.CreateTopic(input);
            embedded.CreateTopic(output);
        }
        else
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();
            await admin.CreateTopicsAsync([new TopicSpecification { Name = input, NumPartitions = 1, ReplicationFactor = 1 },
                new TopicSpecification { Name = output, NumPartitions = 1, ReplicationFactor = 1 }]);
        }
        using var seed = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();
        foreach (var value in Values(0, records)) seed.Produce(input, new Message<Null, string> { Value = value });
        seed.Flush(ReadBack);
        return (input, output);
    }
}
