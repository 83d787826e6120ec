using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KafkaActors.Cli;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// produce checks the brokers, the topic and the report path before it reads any input, within
/// --connect-timeout, and tells refused, unresolvable, silent and malformed addresses apart, each with its exit code.
/// </summary>
public sealed class ProduceBrokerCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kafka-actors-check-").FullName;

    [Fact]
    public async Task A_refused_port_is_said_at_once_with_exit_code_3()
    {
        var clock = Stopwatch.StartNew();
        var result = await Produce("-b", $"127.0.0.1:{UnusedPort()}", "-t", "lines");

        Assert.Equal(ExitCodes.BrokerUnavailable, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("refused the connection (nothing listens on port", line);
        Assert.Contains("kafka-actors broker", line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}, the timeout is 5 s and a refusal needs none of it"); // process start included
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_said_as_such()
    {
        // A label longer than DNS allows (63) fails in the resolver library, without asking any server.
        var host = new string('x', 70) + ".invalid";
        var result = await Produce("-b", $"{host}:9092", "-t", "lines", "--connect-timeout", "2s");

        Assert.Equal(ExitCodes.BrokerUnavailable, result.ExitCode);
        Assert.Contains($"the name '{host}' does not resolve", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task A_listener_that_is_not_Kafka_gives_up_after_the_connect_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the kernel does), never answers
        var clock = Stopwatch.StartNew();
        var result = await Produce("-b", $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", "-t", "lines", "--connect-timeout", "1s");

        Assert.Equal(ExitCodes.BrokerUnavailable, result.ExitCode);
        Assert.Contains("accepts connections but gave no Kafka metadata within 1 s", Assert.Single(result.StderrLines));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("localhost", "'localhost' in --bootstrap-servers is not host:port (it has no port)")]
    [InlineData("localhost:http", "'http' is not a port (1-65535)")]
    [InlineData("localhost:70000", "'70000' is not a port")]
    [InlineData(":9092", "it has no host")]
    [InlineData("::1:9092", "an IPv6 address is written [address]:port")]
    public async Task A_malformed_address_is_a_usage_error_naming_it(string servers, string message)
    {
        var result = await Produce("-b", servers, "-t", "lines");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Without_any_bootstrap_servers_it_says_where_they_can_come_from()
    {
        using var cli = CliProcess.Start(new Dictionary<string, string?> { ["KAFKA_BOOTSTRAP_SERVERS"] = null }, "produce", "-t", "lines");
        var result = new CliResult(await cli.WaitForExitAsync(), "", await cli.StandardErrorAsync());

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--bootstrap-servers, kafka-actors.producer.kafka-clients.bootstrap.servers in the --config file, or KAFKA_BOOTSTRAP_SERVERS", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task The_report_path_the_topic_and_the_input_file_are_checked_before_any_input_is_read()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("lines");
        var input = Path.Combine(_dir, "in.txt");
        await File.WriteAllTextAsync(input, "a\n");

        // Standard input stays open and empty: a check that waited for the input would hang here instead of failing.
        var report = await ProduceWithOpenInput("-b", kafka.BootstrapServers, "-t", "lines", "--report", Path.Combine(_dir, "no-such-dir", "r.jsonl"));
        var topic = await ProduceWithOpenInput("-b", kafka.BootstrapServers, "-t", "no-such-topic");
        var file = await Produce("-b", kafka.BootstrapServers, "-t", "lines", "--file", Path.Combine(_dir, "absent.txt"));

        Assert.Equal(ExitCodes.InputOutput, report.ExitCode);
        Assert.Contains("cannot write the report to", Assert.Single(report.StderrLines));
        Assert.Equal(ExitCodes.BrokerUnavailable, topic.ExitCode);
        Assert.Contains("topic 'no-such-topic' does not exist", Assert.Single(topic.StderrLines));
        Assert.Equal(ExitCodes.InputOutput, file.ExitCode);
        Assert.Contains("absent.txt': no such file", Assert.Single(file.StderrLines));
        Assert.Equal(0, kafka.ProduceRequestCount);
    }

    private static Task<CliResult> Produce(params string[] args) => CliProcess.RunAsync(["produce", .. args]);

    private static async Task<CliResult> ProduceWithOpenInput(params string[] args)
    {
        using var cli = CliProcess.Start(["produce", .. args]);
        var exitCode = await cli.WaitForExitAsync();
        return new CliResult(exitCode, "", await cli.StandardErrorAsync());
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
