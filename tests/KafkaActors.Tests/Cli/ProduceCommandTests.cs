using System.Text;
using KafkaActors.Cli;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>kafka-actors produce: lines (bytes) in as they arrive, one report line per input line out, exit code by outcome.</summary>
public sealed class ProduceCommandTests : ProduceSpec
{

    [Fact]
    public async Task Each_line_becomes_a_record_and_the_report_gives_each_lines_outcome_in_input_order()
    {
        Kafka.CreateTopic("lines", 2);
        Kafka.CreateTopic("lines.DLT");
        var input = Write("input.txt", $"k1|hello\nk2|world\nno key here\nk3|{new string('x', 20_000)}\nk1|again\n");
        var config = Write("small.conf", """
            kafka-actors.producer.kafka-clients.message.max.bytes = 10000
            kafka-actors.dead-letter.kafka-clients.message.max.bytes = 100000
            """);

        var result = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "lines", "--file", input,
            "--key-separator", "|", "--config", config, "--report", "-");

        Assert.Equal(ExitCodes.NotAllDelivered, result.ExitCode); // one line was dead-lettered
        var report = ProduceReport.Parse(result.Stdout);
        ProduceReport.AssertOneLineEachInOrder(report, 5);
        Assert.Equal(["k1", "k2", null, "k3", "k1"], report.Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(["delivered", "delivered", "delivered", "dead-lettered", "delivered"], report.Select(r => r.Status()));
        var stored = TestConsumer.ReadAll(Kafka.BootstrapServers, "lines", 4, ReadBack);
        Assert.All(report.Where(r => r.Status() == "delivered"), r =>
        {
            Assert.Equal("lines", r.GetProperty("topic").GetString());
            Assert.Contains(stored, s => (s.Partition.Value, s.Offset.Value) == r.Where());
            Assert.Equal(1, r.GetProperty("attempts").GetInt32());
        });
        Assert.Equal(["again", "hello", "no key here", "world"], stored.Select(r => r.Message.Value).Order());

        // A dead letter says why, and where its copy is: on the dead-letter topic, not on the topic it missed.
        var dead = report[3];
        Assert.StartsWith("MsgSizeTooLarge", dead.GetProperty("error").GetString());
        Assert.Equal("Permanent", dead.GetProperty("reason").GetString());
        Assert.Equal("lines", dead.GetProperty("topic").GetString());
        Assert.False(dead.TryGetProperty("partition", out _));
        var copy = dead.GetProperty("deadLetter");
        Assert.Equal("lines.DLT", copy.GetProperty("topic").GetString());
        var onDlt = Assert.Single(TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, "lines.DLT", 1, ReadBack));
        Assert.Equal(onDlt.Offset.Value, copy.GetProperty("offset").GetInt64());
        Assert.Contains("4 delivered, 1 dead-lettered, 0 not sent, of 5 line(s)", result.Stderr);
    }

    [Fact]
    public async Task A_dead_letter_whose_copy_was_not_published_says_why_there_is_none()
    {
        Kafka.CreateTopic("nodlt");
        var config = Write("nodlt.conf", "kafka-actors.dead-letter.topic = off\nkafka-actors.producer.kafka-clients.message.max.bytes = 10000");

        var big = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "nodlt", "--file", Write("b.txt", new string('y', 20_000) + "\n"),
            "--config", config, "--report", "-");
        Assert.Equal(ExitCodes.NotAllDelivered, big.ExitCode);
        var line = Assert.Single(ProduceReport.Parse(big.Stdout));
        Assert.Equal("dead-lettered", line.Status());
        Assert.False(line.TryGetProperty("deadLetter", out _));
        Assert.Contains("dead-letter topic is off", line.GetProperty("deadLetterNone").GetString());
    }

    [Fact]
    public async Task Bootstrap_servers_can_come_from_the_config_file_alone()
    {
        Kafka.CreateTopic("configured");
        var config = Write("servers.conf", $"kafka-actors.producer.kafka-clients.bootstrap.servers = \"{Kafka.BootstrapServers}\"");
        using var cli = CliProcess.Start(new Dictionary<string, string?> { ["KAFKA_BOOTSTRAP_SERVERS"] = null },
            "produce", "-t", "configured", "--config", config, "--file", Write("one.txt", "from the file's servers\n"));

        Assert.Equal(ExitCodes.Ok, await cli.WaitForExitAsync());
        Assert.Equal("from the file's servers", Assert.Single(TestConsumer.ReadAll(Kafka.BootstrapServers, "configured", 1, ReadBack)).Message.Value);
    }

    [Fact]
    public async Task Lines_are_sent_as_they_arrive_while_the_input_stays_open()
    {
        Kafka.CreateTopic("tail");
        using var cli = CliProcess.Start("produce", "-b", Kafka.BootstrapServers, "-t", "tail", "--report", "-");

        foreach (var n in new[] { 1, 2, 3 })
        {
            await cli.WriteInputAsync(Encoding.UTF8.GetBytes($"event {n}\n"));
            var line = await cli.ReadLineAsync(); // reported while more input may still come, as with tail -f
            Assert.NotNull(line);
            var entry = Assert.Single(ProduceReport.Parse(line));
            Assert.Equal(n, entry.Number());
            Assert.Equal("delivered", entry.Status());
        }
        Assert.False(cli.HasExited);
        Assert.Equal(["event 1", "event 2", "event 3"], TestConsumer.ReadAll(Kafka.BootstrapServers, "tail", 3, ReadBack).Select(r => r.Message.Value));

        cli.CloseInput();
        Assert.Equal(ExitCodes.Ok, await cli.WaitForExitAsync());
    }

    [Fact]
    public async Task Input_is_bytes_with_no_transcoding_and_no_byte_order_mark_sniffing()
    {
        Kafka.CreateTopic("bytes");
        // FF FE would make a text reader decode UTF-16; C3 28 is invalid UTF-8 that a decoder would turn into U+FFFD.
        byte[] first = [0xFF, 0xFE, (byte)'a', 0x00, (byte)'b'];
        byte[] second = [(byte)'k', 0xC3, (byte)'|', 0xC3, 0x28, 0x80];
        byte[] third = [(byte)'l', (byte)'a', (byte)'s', (byte)'t'];
        var input = Path.Combine(Dir, "binary.txt");
        await File.WriteAllBytesAsync(input, [.. first, (byte)'\n', .. second, (byte)'\r', (byte)'\n', .. third]); // CRLF once, no final newline

        var result = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "bytes", "--file", input, "--key-separator", "|", "--report", "-");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        var report = ProduceReport.Parse(result.Stdout);
        ProduceReport.AssertOneLineEachInOrder(report, 3);
        Assert.Equal("6bc3", report[1].GetProperty("keyHex").GetString()); // a key that is not UTF-8 is shown as hex
        var stored = TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, "bytes", 3, ReadBack).OrderBy(r => r.Offset.Value).ToList();
        Assert.Equal(first, stored[0].Message.Value);
        Assert.Null(stored[0].Message.Key);
        Assert.Equal(new byte[] { (byte)'k', 0xC3 }, stored[1].Message.Key);
        Assert.Equal(new byte[] { 0xC3, 0x28, 0x80 }, stored[1].Message.Value);
        Assert.Equal(third, stored[2].Message.Value);
    }

    [Fact]
    public async Task Base64_and_hex_input_become_the_bytes_they_spell_and_a_line_that_does_not_decode_is_reported_not_sent()
    {
        Kafka.CreateTopic("encoded");
        var input = Write("encoded.txt", "a2V5|AAEC/w==\n6b6579|not base64!\n");

        var result = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "encoded", "--file", input,
            "--key-separator", "|", "--key-encoding", "base64", "--value-encoding", "base64", "--report", "-");

        Assert.Equal(ExitCodes.NotAllDelivered, result.ExitCode);
        var report = ProduceReport.Parse(result.Stdout);
        Assert.Equal(["delivered", "not-sent"], report.Select(r => r.Status()));
        Assert.Contains("line 2: the key is not valid base64", report[1].GetProperty("error").GetString());
        var stored = Assert.Single(TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, "encoded", 1, ReadBack));
        Assert.Equal("key"u8.ToArray(), stored.Message.Key);
        Assert.Equal(new byte[] { 0, 1, 2, 0xFF }, stored.Message.Value);

        var hex = await CliProcess.RunAsync("produce", "-b", Kafka.BootstrapServers, "-t", "encoded", "--file", Write("hex.txt", "00ff10\nabc\n"),
            "--value-encoding", "hex", "--report", "-");
        Assert.Equal(["delivered", "not-sent"], ProduceReport.Parse(hex.Stdout).Select(r => r.Status()));
        Assert.Contains("odd number of digits", ProduceReport.Parse(hex.Stdout)[1].GetProperty("error").GetString());
    }

}
