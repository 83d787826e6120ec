using System.Text.Json;
using KafkaActors.Cli;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>kafka-actors produce: lines in, one report line per input line out, exit code by outcome.</summary>
public sealed class ProduceCommandTests : IDisposable
{
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("kafka-actors-produce-").FullName;

    [Fact]
    public async Task Each_line_becomes_a_record_and_the_report_gives_each_lines_outcome_in_input_order()
    {
        _kafka.CreateTopic("lines", 2);
        _kafka.CreateTopic("lines.DLT");
        var input = Write("input.txt", $"k1|hello\nk2|world\nno key here\nk3|{new string('x', 20_000)}\nk1|again\n");
        var config = Write("small.conf", "kafka-actors.producer.kafka-clients.message.max.bytes = 10000");

        var result = await CliProcess.RunAsync("produce", "-b", _kafka.BootstrapServers, "-t", "lines", "--file", input,
            "--key-separator", "|", "--config", config, "--report", "-");

        Assert.Equal(ExitCodes.Failure, result.ExitCode); // one line was dead-lettered
        var report = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2, 3, 4, 5], report.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["k1", "k2", null, "k3", "k1"], report.Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(["delivered", "delivered", "delivered", "dead-lettered", "delivered"], report.Select(r => r.GetProperty("status").GetString()));
        Assert.All(report.Where(r => r.GetProperty("status").GetString() == "delivered"), r =>
        {
            Assert.Equal("lines", r.GetProperty("topic").GetString());
            Assert.True(r.GetProperty("offset").GetInt64() >= 0);
            Assert.Equal(1, r.GetProperty("attempts").GetInt32());
        });
        Assert.StartsWith("MsgSizeTooLarge", report[3].GetProperty("error").GetString());
        Assert.Contains("4 delivered, 1 dead-lettered", result.Stderr);

        var stored = TestConsumer.ReadAll(_kafka.BootstrapServers, "lines", 4, TimeSpan.FromSeconds(30));
        Assert.Equal(["again", "hello", "no key here", "world"], stored.Select(r => r.Message.Value).Order());
    }

    [Fact]
    public async Task An_unreachable_broker_is_one_line_saying_so_and_what_to_do()
    {
        var input = Write("one.txt", "a line\n");

        var result = await CliProcess.RunAsync("produce", "-b", "127.0.0.1:1", "-t", "lines", "--file", input);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("cannot reach Kafka at 127.0.0.1:1", line);
        Assert.Contains("kafka-actors broker", line);
    }

    [Fact]
    public async Task A_missing_topic_and_a_missing_file_are_clear_errors()
    {
        var missingTopic = await CliProcess.RunAsync("produce", "-b", _kafka.BootstrapServers, "-t", "no-such-topic", "--file", Write("x.txt", "x\n"));
        var missingFile = await CliProcess.RunAsync("produce", "-b", _kafka.BootstrapServers, "-t", "lines", "--file", Path.Combine(_dir, "absent.txt"));

        Assert.Equal(ExitCodes.Failure, missingTopic.ExitCode);
        Assert.Contains("topic 'no-such-topic' does not exist", Assert.Single(missingTopic.StderrLines));
        Assert.Equal(ExitCodes.Failure, missingFile.ExitCode);
        Assert.Contains("absent.txt", Assert.Single(missingFile.StderrLines));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        _kafka.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
