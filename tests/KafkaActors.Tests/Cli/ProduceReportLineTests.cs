using System.Text;
using Confluent.Kafka;
using KafkaActors.Cli;
using KafkaActors.Cli.Produce;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// What a dead-lettered line's report says about its copy: where it is, or why there is none. The end-to-end
/// cases run through the command (ProduceCommandTests); these pin the wording of each "why none".
/// </summary>
public sealed class ProduceReportLineTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public async Task A_copy_that_could_not_be_published_says_how_it_failed()
    {
        var publishError = new DeliveryError(ErrorCode.MsgSizeTooLarge, "Broker: Message size too large", FailureKind.Permanent, false, PersistenceStatus.NotPersisted);

        var line = await ReportOf(DeadLetter(DeadLetterCause.Permanent, publishError: publishError));

        Assert.Equal("dead-lettered", line.Status());
        Assert.False(line.TryGetProperty("deadLetter", out _));
        Assert.Equal("the copy could not be published: MsgSizeTooLarge: Broker: Message size too large", line.GetProperty("deadLetterNone").GetString());
        Assert.Equal("orders", line.GetProperty("topic").GetString()); // the topic it missed, with no partition or offset
        Assert.False(line.TryGetProperty("partition", out _));
    }

    [Fact]
    public async Task A_copy_that_landed_says_where()
    {
        var line = await ReportOf(DeadLetter(DeadLetterCause.AttemptsExhausted, copyAt: new TopicPartitionOffset("orders.DLT", 2, 17)));

        var copy = line.GetProperty("deadLetter");
        Assert.Equal(("orders.DLT", 2, 17L), (copy.GetProperty("topic").GetString(), copy.GetProperty("partition").GetInt32(), copy.GetProperty("offset").GetInt64()));
        Assert.Equal("AttemptsExhausted", line.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_record_given_up_at_shutdown_says_that_such_records_get_no_copy()
    {
        var line = await ReportOf(DeadLetter(DeadLetterCause.Shutdown));

        Assert.Contains("given up at shutdown", line.GetProperty("deadLetterNone").GetString());
    }

    private static DeadLettered<byte[]?, byte[], InputLine> DeadLetter(DeadLetterCause cause, TopicPartitionOffset? copyAt = null, DeliveryError? publishError = null)
    {
        var envelope = ProducerEnvelope.Create<byte[]?, byte[], InputLine>("orders", "k"u8.ToArray(), "v"u8.ToArray(), new InputLine(7, "k"u8.ToArray()));
        var error = new DeliveryError(ErrorCode.MsgSizeTooLarge, "too large", FailureKind.Permanent, false, PersistenceStatus.NotPersisted);
        var now = DateTimeOffset.UtcNow;
        return new DeadLettered<byte[]?, byte[], InputLine>(envelope, cause, 1, error, now, now, copyAt, publishError);
    }

    private async Task<System.Text.Json.JsonElement> ReportOf(DeadLettered<byte[]?, byte[], InputLine> deadLettered)
    {
        var console = new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null, true, true, () => Stream.Null, () => Stream.Null);
        await using (var writer = ReportWriter.Open(_path, console, topic => $"{topic}.DLT"))
            writer.Write(new LineResult.Replied(deadLettered));
        var line = Assert.Single(ProduceReport.Parse(await File.ReadAllTextAsync(_path, Encoding.UTF8)));
        Assert.Equal(7, line.Number());
        return line;
    }

    public void Dispose() => File.Delete(_path);
}
