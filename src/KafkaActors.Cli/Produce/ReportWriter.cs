using System.Buffers;
using System.Text;
using System.Text.Json;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// The report: one JSON line per input line, in input order. Opened before any input is read, so an
/// unwritable path fails first. A closed standard output (or a full disk) marks it <see cref="Broken"/>
/// instead of throwing, so the run can still stop cleanly and account for what it sent.
/// </summary>
internal sealed class ReportWriter : IAsyncDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream? _stream;
    private readonly bool _owned;
    private readonly Func<string, string?> _deadLetterTopicFor;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;

    private ReportWriter(Stream? stream, bool owned, Func<string, string?> deadLetterTopicFor)
    {
        _stream = stream;
        _owned = owned;
        _deadLetterTopicFor = deadLetterTopicFor;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Why the report stopped being written (null while it is fine).</summary>
    public string? Broken { get; private set; }

    /// <summary>
    /// The report at <paramref name="target"/>: a file, <c>-</c> for standard output, or none. <paramref name="append"/>:
    /// added to what the file holds (the outbox's report is one journal of events across runs).
    /// </summary>
    public static ReportWriter Open(string? target, CliConsole console, Func<string, string?> deadLetterTopicFor, bool append = false)
    {
        if (target is null) return new ReportWriter(null, false, deadLetterTopicFor);
        if (target == "-") return new ReportWriter(console.OpenOutput(), false, deadLetterTopicFor);
        try
        {
            var stream = new FileStream(target, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
            if (append) EndTornLine(target, stream);
            return new ReportWriter(stream, true, deadLetterTopicFor);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure($"cannot write the report to '{target}': {e.Message.TrimEnd('.')}; choose a writable path or '--report -'", ExitCodes.InputOutput);
        }
    }

    /// <summary>An event of the outbox mode that is not an outcome: the line is <c>accepted</c>, or still <c>pending</c>.</summary>
    public void WriteEvent(InputLine line, string status, string? note = null, bool recovered = false)
    {
        if (_stream is null || Broken is not null) return;
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("line", line.Number);
        _json.WriteString("status", status);
        if (note is not null) _json.WriteString("note", note);
        if (recovered) _json.WriteBoolean("recovered", true);
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
    }

    /// <param name="result">The line's outcome.</param>
    /// <param name="recovered">The line was read by an earlier run with the same outbox, which did not finish it.</param>
    // A run killed mid-write leaves its last line unfinished: this run's events start on a line of their own.
    private static void EndTornLine(string path, FileStream appending)
    {
        if (appending.Length == 0) return;
        using var reading = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reading.Seek(-1, SeekOrigin.End);
        if (reading.ReadByte() != '\n') appending.Write("\n"u8);
    }

    public void Write(LineResult result, bool recovered = false)
    {
        if (_stream is null || Broken is not null) return;
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("line", result.Line.Number);
        if (recovered) _json.WriteBoolean("recovered", true);
        WriteKey(result.Line.KeyAsWritten);
        switch (result)
        {
            case LineResult.Replied { Reply: Produced<byte[]?, byte[], InputLine> d }:
                _json.WriteString("status", "delivered");
                _json.WriteString("topic", d.Envelope.Topic);
                _json.WriteNumber("partition", d.Partition.Value);
                _json.WriteNumber("offset", d.Offset.Value);
                _json.WriteNumber("attempts", d.Attempts);
                break;
            case LineResult.Replied { Reply: DeadLettered<byte[]?, byte[], InputLine> x }:
                WriteDeadLettered(x);
                break;
            case LineResult.Replied { Reply: ProduceRejected<byte[]?, byte[], InputLine> r }:
                WriteNotSent(r.Envelope is ProducerEnvelope<byte[]?, byte[], InputLine> e ? e.Topic : null, $"the producer turned it away: {r.Reason}");
                break;
            case LineResult.Transacted { Outcome: var outcome }:
                WriteTransacted(outcome);
                break;
            case LineResult.NotSent n:
                WriteNotSent(null, n.Why);
                break;
        }
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
    }

    // committed: where the record landed; aborted: why, and that nothing of its transaction is visible to read_committed readers.
    private void WriteTransacted(TransactionOutcome<byte[]?, byte[], InputLine> outcome)
    {
        var record = (ProducerEnvelope<byte[]?, byte[], InputLine>)outcome.Envelope;
        _json.WriteString("topic", record.Topic);
        if (outcome is TransactionOutcome<byte[]?, byte[], InputLine>.Committed { Offsets: [var landed] })
        {
            _json.WriteString("status", "committed");
            _json.WriteNumber("partition", landed.Partition.Value);
            _json.WriteNumber("offset", landed.Offset.Value);
        }
        else if (outcome is TransactionOutcome<byte[]?, byte[], InputLine>.Aborted aborted)
        {
            _json.WriteString("status", "aborted");
            _json.WriteString("reason", aborted.Reason.ToString());
            _json.WriteString("error", $"{aborted.Error.Code}: {aborted.Error.Reason}");
        }
        _json.WriteNumber("transaction", outcome.Transaction.Sequence);
        _json.WriteNumber("attempts", outcome.Transaction.Attempts);
    }

    private void WriteDeadLettered(DeadLettered<byte[]?, byte[], InputLine> x)
    {
        _json.WriteString("status", "dead-lettered");
        _json.WriteString("topic", x.Envelope.Topic);
        _json.WriteNumber("attempts", x.Attempts);
        _json.WriteString("reason", x.Cause.ToString());
        if (x.LastError is { } last) _json.WriteString("error", $"{last.Code}: {last.Reason}");
        // PossiblyPersisted: it may be on the topic all the same (a timeout, or given up at shutdown before its outcome was known).
        _json.WriteString("persisted", (x.LastError?.Status ?? Confluent.Kafka.PersistenceStatus.PossiblyPersisted).ToString());
        if (x.DeadLetterTopicPartitionOffset is { } copy)
        {
            _json.WriteStartObject("deadLetter");
            _json.WriteString("topic", copy.Topic);
            _json.WriteNumber("partition", copy.Partition.Value);
            _json.WriteNumber("offset", copy.Offset.Value);
            _json.WriteEndObject();
            return;
        }
        _json.WriteString("deadLetterNone", WhyNoCopy(x));
    }

    private string WhyNoCopy(DeadLettered<byte[]?, byte[], InputLine> x)
    {
        if (x.PublishError is { } error) return $"the copy could not be published: {error.Code}: {error.Reason}";
        if (x.Cause == DeadLetterCause.Shutdown) return "given up at shutdown: such records are not copied to the dead-letter topic";
        return _deadLetterTopicFor(x.Envelope.Topic) is null
            ? "the dead-letter topic is off (kafka-actors.dead-letter.topic = off)"
            : "no copy was published";
    }

    private void WriteNotSent(string? topic, string why)
    {
        _json.WriteString("status", "not-sent");
        if (topic is not null) _json.WriteString("topic", topic);
        _json.WriteString("error", why);
    }

    // The key as it was written in the input; bytes that are not UTF-8 are shown as hex.
    private void WriteKey(byte[]? key)
    {
        if (key is null)
        {
            _json.WriteNull("key");
            return;
        }
        try
        {
            _json.WriteString("key", StrictUtf8.GetString(key));
        }
        catch (DecoderFallbackException)
        {
            _json.WriteString("keyHex", Convert.ToHexStringLower(key));
        }
    }

    /// <summary>Sends what was written so far; a failure marks the report broken.</summary>
    public async Task FlushAsync()
    {
        if (_stream is null || Broken is not null || _buffer.WrittenCount == 0) return;
        try
        {
            await _stream.WriteAsync(_buffer.WrittenMemory);
            await _stream.FlushAsync();
        }
        catch (IOException e)
        {
            Broken = e.Message;
        }
        _buffer.ResetWrittenCount();
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        await _json.DisposeAsync();
        if (_owned && _stream is not null) await _stream.DisposeAsync();
    }
}
