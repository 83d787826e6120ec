namespace KafkaActors;

internal enum HoconTokenKind
{
    Text,         // unquoted string
    Quoted,       // "..." or """..."""
    Substitution, // ${path} or ${?path}
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Separator,    // = or :
    Append,       // +=
    Comma,
    Newline,
    End,
}

/// <summary>One lexical unit of HOCON: where it starts (line, column, offset), its length in the text, and whether whitespace came before it.</summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Value, int Line, int Column, bool SpaceBefore, int Offset, int Length)
{
    public string Describe() => Kind switch
    {
        HoconTokenKind.Newline => "the end of the line",
        HoconTokenKind.End => "the end of the text",
        // Never the content: a quoted string may be a secret.
        HoconTokenKind.Quoted => "a quoted string",
        HoconTokenKind.Substitution => "${" + Value + "}",
        _ => Value.Length <= 24 ? $"'{Value}'" : $"'{Value[..20]}...'",
    };
}
