namespace KafkaActors.Cli.Produce;

/// <summary>
/// Turns one input line (bytes) into a record: the key is what comes before the first separator, when
/// one is given; key and value are decoded from their encodings, or the line is reported as not sent.
/// </summary>
internal sealed class LineParser(string topic, byte[]? keySeparator, ValueEncoding keyEncoding, ValueEncoding valueEncoding)
{
    public object Parse(long number, byte[] line)
    {
        var at = keySeparator is null ? -1 : line.AsSpan().IndexOf(keySeparator);
        if (at < 0)
        {
            var context = new InputLine(number, null);
            var value = valueEncoding.Decode(line, out var valueError);
            return value is null
                ? new LineResult.NotSent(context, $"line {number}: the value is {valueError} (--value-encoding {valueEncoding.ToString().ToLowerInvariant()})")
                : ProducerEnvelope.Create<byte[]?, byte[], InputLine>(topic, null, value, context);
        }

        var keyText = line[..at];
        var keyed = new InputLine(number, keyText);
        var key = keyEncoding.Decode(keyText, out var keyError);
        if (key is null) return new LineResult.NotSent(keyed, $"line {number}: the key is {keyError} (--key-encoding {keyEncoding.ToString().ToLowerInvariant()})");
        var keyedValue = valueEncoding.Decode(line.AsSpan(at + keySeparator!.Length), out var error);
        return keyedValue is null
            ? new LineResult.NotSent(keyed, $"line {number}: the value is {error} (--value-encoding {valueEncoding.ToString().ToLowerInvariant()})")
            : ProducerEnvelope.Create<byte[]?, byte[], InputLine>(topic, key, keyedValue, keyed);
    }
}
