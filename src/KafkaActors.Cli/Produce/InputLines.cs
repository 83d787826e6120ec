namespace KafkaActors.Cli.Produce;

/// <summary>The records to produce: one per input line, the key before the first separator when one is given.</summary>
internal sealed record InputLine(int Number, string? Key, string Value);

internal static class InputLines
{
    public static List<InputLine> Read(TextReader input, string? keySeparator)
    {
        var lines = new List<InputLine>();
        for (var (text, number) = (input.ReadLine(), 1); text is not null; text = input.ReadLine(), number++)
        {
            var at = string.IsNullOrEmpty(keySeparator) ? -1 : text.IndexOf(keySeparator, StringComparison.Ordinal);
            lines.Add(at < 0
                ? new InputLine(number, null, text)
                : new InputLine(number, text[..at], text[(at + keySeparator!.Length)..]));
        }
        return lines;
    }
}
