using Confluent.Kafka;
using KafkaActors.Cli;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class BrokerCommandTests
{
    [Fact]
    public async Task The_first_line_is_the_bootstrap_servers_and_fault_commands_act_on_a_real_producer()
    {
        using var broker = CliProcess.Start("broker", "--brokers", "2", "--topic", "orders:3");
        var bootstrap = await BootstrapServersAsync(broker);
        Assert.Equal("ok", await broker.AskAsync("topic payments 2"));

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        var delivered = await producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "v" });
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.InRange(delivered.Partition.Value, 0, 2);

        Assert.Equal("ok", await broker.AskAsync("errors MsgSizeTooLarge"));
        var failed = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("payments", new Message<string, string> { Key = "k", Value = "v" }));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, failed.Error.Code);

        foreach (var command in new[] { "clear", "rtt 1 0", "down 2", "up 2" })
            Assert.Equal("ok", await broker.AskAsync(command));
        Assert.Equal(PersistenceStatus.Persisted,
            (await producer.ProduceAsync("payments", new Message<string, string> { Key = "k", Value = "v" })).Status);

        broker.CloseInput();
        Assert.Equal(ExitCodes.Ok, await broker.WaitForExitAsync());
    }

    [Fact]
    public async Task A_rejected_fault_command_is_answered_with_what_to_type_and_the_broker_keeps_serving()
    {
        using var broker = CliProcess.Start("broker", "--brokers", "2");
        await BootstrapServersAsync(broker);

        (string Line, string Answer)[] rejected =
        [
            ("dwn 1", "error: unknown command 'dwn'; commands: down <id> | up <id>"),
            ("down 3", "error: no broker '3'; broker ids are 1..2"),
            ("rtt 1", "error: 'rtt 1' has the wrong arguments; the syntax is 'rtt <id> <ms>'"),
            ("rtt 1 soon", "error: 'soon' is not a round-trip time"),
            ("errors NoSuchCode", "error: 'NoSuchCode' is not a Kafka error code; use ErrorCode names or numbers"),
            ("topic fresh 0", "error: '0' is not a partition count for topic 'fresh'"),
            ("clear now", "error: 'clear now' has the wrong arguments; the syntax is 'clear'"),
        ];
        foreach (var (line, answer) in rejected)
            Assert.StartsWith(answer, await broker.AskAsync(line));
        Assert.Equal("ok", await broker.AskAsync("down 2"));

        broker.CloseInput();
        Assert.Equal(ExitCodes.Usage, await broker.WaitForExitAsync());
    }

    [UnixFact]
    public async Task Ctrl_C_stops_the_broker_cleanly()
    {
        using var broker = CliProcess.Start("broker");
        await BootstrapServersAsync(broker);
        Assert.Equal("ok", await broker.AskAsync("up 1")); // the input loop is running

        broker.Interrupt();

        Assert.Equal(ExitCodes.Ok, await broker.WaitForExitAsync());
        Assert.DoesNotContain("error:", await broker.StandardErrorAsync());
    }

    [Fact]
    public async Task The_startup_line_states_what_the_embedded_broker_keeps()
    {
        using var broker = CliProcess.Start("broker");
        await BootstrapServersAsync(broker);
        broker.CloseInput();

        Assert.Equal(ExitCodes.Ok, await broker.WaitForExitAsync());
        Assert.Contains("keeps about 5 MB or 100,000 batches per partition and drops older records", await broker.StandardErrorAsync());
    }

    private static async Task<string> BootstrapServersAsync(CliProcess broker)
    {
        var first = await broker.ReadLineAsync();
        Assert.NotNull(first);
        Assert.StartsWith("bootstrap.servers=127.0.0.1:", first);
        return first["bootstrap.servers=".Length..];
    }
}
