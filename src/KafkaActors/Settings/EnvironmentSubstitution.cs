using System.Text;
using System.Text.RegularExpressions;

namespace KafkaActors;

/// <summary>
/// Resolves <c>${NAME}</c> and <c>${?NAME}</c> from environment variables before Akka parses HOCON.
/// Akka.NET's parser does not read the environment, and an unresolved <c>${?X}</c> there erases the
/// value set above it, so credentials-from-environment would silently vanish without this.
/// Only upper-case names (A-Z, 0-9, _) are taken as environment variables; other substitutions are
/// left for Akka to resolve against the configuration itself.
/// </summary>
internal static partial class EnvironmentSubstitution
{
    [GeneratedRegex(@"\$\{(\?)?([A-Z_][A-Z0-9_]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\s*(""[^""]+""|[A-Za-z0-9_.\-]+)\s*[=:]\s*\$\{\?([A-Z_][A-Z0-9_]*)\}\s*(#.*|//.*)?$")]
    private static partial Regex OptionalAssignment();

    /// <summary>Whether <c>${name}</c> is taken from the environment rather than from the configuration.</summary>
    public static bool IsVariableName(string name) => VariableName().IsMatch(name);

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex VariableName();

    public static string Apply(string hocon, Func<string, string?> environment)
    {
        var output = new StringBuilder(hocon.Length);
        foreach (var line in hocon.Split('\n'))
        {
            var assignment = OptionalAssignment().Match(line);
            if (assignment.Success && environment(assignment.Groups[2].Value) is null)
            {
                // HOCON: `key = ${?UNSET}` leaves key as it was. Dropping the line does exactly that.
                output.Append("# ").Append(line.TrimEnd('\r')).Append(" (not set)\n");
                continue;
            }
            output.Append(Reference().Replace(line, m =>
            {
                var name = m.Groups[2].Value;
                var value = environment(name);
                if (value is not null) return Quote(value);
                if (m.Groups[1].Success) return "\"\"";
                throw new KafkaActorsConfigurationException("${" + name + "}", $"environment variable {name} is not set");
            })).Append('\n');
        }
        return output.ToString(0, Math.Max(0, output.Length - 1));
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
