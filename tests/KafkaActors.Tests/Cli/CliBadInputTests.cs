using KafkaActors.Cli;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class CliBadInputTests
{
    [Theory]
    [InlineData("unrecognized command or argument '--bogus'", "kafka-actors bench --help", "bench", "--bogus")]
    [InlineData("unrecognized command or argument 'frobnicate'", "kafka-actors --help", "frobnicate")]
    [InlineData("--topic 'orders' is not name:partitions", "--topic orders:3", "broker", "--topic", "orders")]
    [InlineData("'none' is not a partition count for topic 'orders'", "at least 1", "broker", "--topic", "orders:none")]
    [InlineData("'bad topic!' is not a valid topic name", "letters, digits", "broker", "--topic", "bad topic!:2")]
    [InlineData("--brokers takes a whole number of at least 1, not '0'", "e.g. --brokers 1", "broker", "--brokers", "0")]
    [InlineData("--messages takes a whole number of at least 1, not 'lots'", "e.g. --messages 1000000", "bench", "--messages", "lots")]
    [InlineData("--records takes a whole number of at least 1, not '0'", "e.g. --records 100000", "demo", "--records", "0")]
    [InlineData("--value-encoding takes utf8|base64|hex, not 'latin1'", "e.g. --value-encoding base64", "produce", "-t", "x", "--value-encoding", "latin1")]
    [InlineData("--connect-timeout takes a positive duration such as 5s or 500ms, not 'soon'", "e.g. --connect-timeout 5s", "produce", "-t", "x", "--connect-timeout", "soon")]
    [InlineData("--seed takes a node on this machine's loopback as 127.0.0.1:PORT, not '10.0.0.7:4053'", "e.g. --seed 127.0.0.1:4711", "node", "--seed", "10.0.0.7:4053")]
    [InlineData("--seed takes a node on this machine's loopback as 127.0.0.1:PORT, not '127.0.0.1:http'", "e.g. --seed 127.0.0.1:4711", "node", "--seed", "127.0.0.1:http")]
    [InlineData("a producer node needs --bootstrap-servers", "or pass --submit-only", "node")]
    public async Task Bad_input_is_one_line_saying_what_and_what_to_do_with_exit_code_2(string what, string whatToDo, params string[] args)
    {
        var result = await CliProcess.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(what, line);
        Assert.Contains(whatToDo, line);
    }

    [Fact]
    public async Task A_failure_while_running_is_one_line_without_a_stack_trace()
    {
        var result = await CliProcess.RunAsync("broker", "--topic", "orders:1", "--topic", "orders:2");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: Could not create topic 'orders': TopicAlreadyExists", line);
        Assert.Contains("--verbose", line);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        var result = await CliProcess.RunAsync("broker", "--verbose", "--topic", "orders:1", "--topic", "orders:2");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("error: KafkaActors.Testing.EmbeddedKafkaException: Could not create topic 'orders'", result.StderrLines[0]);
        Assert.Contains(result.StderrLines, l => l.StartsWith("at KafkaActors.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_wins_over_a_bad_flag_and_lists_the_options()
    {
        var result = await CliProcess.RunAsync("bench", "--bogus", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--messages", result.Stdout);
        Assert.Contains("--json", result.Stdout);
    }
}
