using KafkaActors.Cli;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// produce --config: bootstrap.servers from -b, else the file, else KAFKA_BOOTSTRAP_SERVERS; a broken
/// file fails before anything is read or sent, naming file, line, column and key.
/// </summary>
public sealed class ProduceConfigurationTests : IDisposable
{
    private const string Unreachable = "127.0.0.1:1";
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly ScratchDirectory _dir = new("kafka-actors-produce-config-");

    public ProduceConfigurationTests() => _kafka.CreateTopic("lines");

    private string ConfigWithServers(string servers) =>
        _dir.Write("app.conf", $"kafka-actors.producer.kafka-clients {{\n  bootstrap.servers = \"{servers}\"\n}}\n");

    private Task<CliResult> Produce(string? environmentServers, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string?> { ["KAFKA_BOOTSTRAP_SERVERS"] = environmentServers },
            ["produce", "-t", "lines", "--file", _dir.Write("input.txt", "one line\n"), .. args]);

    [Fact]
    public async Task Bootstrap_servers_come_from_the_config_file_when_there_is_no_flag()
    {
        var result = await Produce(environmentServers: Unreachable, "--config", ConfigWithServers(_kafka.BootstrapServers));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        Assert.Contains("1 delivered", result.Stderr);
    }

    [Fact]
    public async Task Bootstrap_servers_in_the_config_file_may_be_a_list()
    {
        var list = _dir.Write("list.conf", $"kafka-actors.producer.kafka-clients.bootstrap.servers = [\"{_kafka.BootstrapServers}\"]\n");

        var result = await Produce(environmentServers: null, "--config", list);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
    }

    [Fact]
    public async Task The_flag_wins_over_the_config_file()
    {
        var result = await Produce(environmentServers: null, "-b", _kafka.BootstrapServers, "--config", ConfigWithServers(Unreachable));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
    }

    [Fact]
    public async Task The_environment_is_the_fallback_when_neither_flag_nor_file_says()
    {
        var noServers = _dir.Write("plain.conf", "kafka-actors.retry.max-attempts = 2\n");

        var result = await Produce(environmentServers: _kafka.BootstrapServers, "--config", noServers);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
    }

    [Fact]
    public async Task The_local_example_works_on_its_own()
    {
        var local = Path.Combine(Repository.Root, "hocon", "examples", "local.conf");

        var result = await Produce(environmentServers: _kafka.BootstrapServers, "--config", local);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
    }

    [Fact]
    public async Task Without_any_of_the_three_it_says_where_bootstrap_servers_can_come_from()
    {
        var result = await Produce(environmentServers: null);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("--bootstrap-servers", line);
        Assert.Contains("kafka-actors.producer.kafka-clients.bootstrap.servers", line);
        Assert.Contains("KAFKA_BOOTSTRAP_SERVERS", line);
    }

    // The broker is unreachable: had the file been accepted, the error would be about the broker.
    public static TheoryData<string, string, string> BrokenFiles => new()
    {
        { "kafka-actors {\n  retry { max-attempts = 3 }\n", ":1:14:", "'{' opened at 1:14 is never closed" },
        { "kafka-actors.retry {\n  max-attempt = 0\n}\n", ":2:3:", "'kafka-actors.retry.max-attempt': unknown key; did you mean 'kafka-actors.retry.max-attempts'?" },
        { "kafka-actor { retry.max-attempts = 0 }\n", ":1:1:", "'kafka-actor': unknown top-level key; did you mean 'kafka-actors'?" },
        { "kafka-actors { retry { min-backoff = 1s } }}}}\nkafka-actors.retry.max-attempts = 0\n", ":1:44:", "'}' closes nothing" },
        { "include \"absent.conf\"\n", ":1:1:", "include \"absent.conf\": no such file" },
        { "kafka-actors.producer.kafka-clients {\n  sasl.pasword = \"Zebra-42\"\n}\n", ":2:3:", "kafka-actors.producer.kafka-clients.sasl.pasword': unknown librdkafka property" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_config_file_is_one_line_naming_where_and_the_key_before_anything_is_sent(string hocon, string location, string problem)
    {
        var file = _dir.Write("broken.conf", hocon);

        var result = await Produce(environmentServers: null, "-b", Unreachable, "--config", file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains(file + location, line);
        Assert.Contains(problem, line);
        Assert.DoesNotContain("Zebra", line);
        Assert.DoesNotContain("cannot reach Kafka", line);
    }

    public void Dispose()
    {
        _kafka.Dispose();
        _dir.Dispose();
    }
}
