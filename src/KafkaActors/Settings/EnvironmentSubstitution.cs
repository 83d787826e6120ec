using System.Text;
using System.Text.RegularExpressions;

namespace KafkaActors;

/// <summary>
/// Resolves <c>${NAME}</c> and <c>${?NAME}</c> from environment variables before Akka parses HOCON.
/// Akka.NET's parser does not read the environment, and an unresolved <c>${?X}</c> there erases the
/// value set above it, so credentials-from-environment would silently vanish without this.
/// Only upper-case names (A-Z, 0-9, _) are taken as environment variables; other substitutions are
/// left for Akka to resolve against the configuration itself. Only real references are touched (the
/// syntax check finds them): never text in comments or quoted strings.
/// </summary>
internal static partial class EnvironmentSubstitution
{
    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex VariableName();

    /// <summary>Whether <c>${name}</c> is taken from the environment rather than from the configuration.</summary>
    public static bool IsVariableName(string name) => VariableName().IsMatch(name);

    public static string Apply(string hocon, Func<string, string?> environment) =>
        Apply(hocon, HoconSyntax.Check(hocon, "(string)"), environment);

    /// <summary>The text with every environment reference <paramref name="outline"/> found in it resolved.</summary>
    public static string Apply(string hocon, HoconOutline outline, Func<string, string?> environment)
    {
        var text = new StringBuilder(hocon);
        // Back to front, so the offsets of the references still to do stay valid.
        foreach (var reference in outline.Substitutions.Where(r => IsVariableName(r.Path)).OrderByDescending(r => r.Offset))
        {
            var value = environment(reference.Path);
            if (value is not null)
                Replace(text, reference.Offset, reference.Length, Quote(value));
            else if (!reference.Optional)
                throw new KafkaActorsConfigurationException("${" + reference.Path + "}", $"environment variable {reference.Path} is not set", reference.At);
            else if (reference.FieldStart is { } start)
                Blank(text, start, reference.Offset + reference.Length); // HOCON: `key = ${?UNSET}` leaves key as it was
            else
                Replace(text, reference.Offset, reference.Length, "\"\"");
        }
        return text.ToString();
    }

    private static void Replace(StringBuilder text, int offset, int length, string with) =>
        text.Remove(offset, length).Insert(offset, with);

    // Spaces keep every later line and column where the syntax check saw them; a comma after goes too.
    private static void Blank(StringBuilder text, int from, int to)
    {
        for (var i = from; i < to; i++) if (text[i] != '\n') text[i] = ' ';
        var next = to;
        while (next < text.Length && text[next] is ' ' or '\t') next++;
        if (next < text.Length && text[next] == ',') text[next] = ' ';
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
