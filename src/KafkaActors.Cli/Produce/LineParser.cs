namespace KafkaActors.Cli.Produce;

/// <summary>
/// Turns one input line (bytes) into a record: the key is what comes before the first separator, when
/// one is given; key and value are decoded from their encodings, or the line is reported as not sent.
/// </summary>
internal sealed class LineParser(string topic, byte[]? keySeparator, ValueEncoding keyEncoding, ValueEncoding valueEncoding)
{
    /// <summary>The line's record, or null with <paramref name="notSent"/> saying why there is none.</summary>
    public ProducerEnvelope<byte[]?, byte[], InputLine>? Parse(long number, byte[] line, out LineResult.NotSent? notSent)
    {
        notSent = null;
        var at = keySeparator is null ? -1 : line.AsSpan().IndexOf(keySeparator);
        if (at < 0)
        {
            var context = new InputLine(number, null);
            var value = valueEncoding.Decode(line, out var valueError);
            if (value is not null) return ProducerEnvelope.Create<byte[]?, byte[], InputLine>(topic, null, value, context);
            notSent = new LineResult.NotSent(context, $"line {number}: the value is {valueError} (--value-encoding {Name(valueEncoding)})");
            return null;
        }

        var keyText = line[..at];
        var keyed = new InputLine(number, keyText);
        var key = keyEncoding.Decode(keyText, out var keyError);
        if (key is null)
        {
            notSent = new LineResult.NotSent(keyed, $"line {number}: the key is {keyError} (--key-encoding {Name(keyEncoding)})");
            return null;
        }
        var keyedValue = valueEncoding.Decode(line.AsSpan(at + keySeparator!.Length), out var error);
        if (keyedValue is not null) return ProducerEnvelope.Create<byte[]?, byte[], InputLine>(topic, key, keyedValue, keyed);
        notSent = new LineResult.NotSent(keyed, $"line {number}: the value is {error} (--value-encoding {Name(valueEncoding)})");
        return null;
    }

    private static string Name(ValueEncoding encoding) => encoding.ToString().ToLowerInvariant();
}
