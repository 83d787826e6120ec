using Akka.Annotations;
using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace KafkaActors;

/// <summary>
/// INTERNAL API (shared with the other KafkaActors packages; not for users).
/// Renders configuration back to HOCON text that parses to the same values. Akka.NET's Config has no
/// AtKey/AtPath and its ToString output does not parse back (no root braces, unquoted keys and values),
/// so moving a section under another path goes through this.
/// </summary>
[InternalApi]
public static class HoconText
{
    /// <summary>The section <paramref name="config"/>, placed at <paramref name="path"/> (dotted, unquoted segments).</summary>
    public static Config AtPath(Config config, string path)
    {
        if (config.IsEmpty) return Config.Empty;
        var text = new StringBuilder();
        text.Append(path).Append(' ');
        Render(config.Root, text);
        return ConfigurationFactory.ParseString(text.ToString());
    }

    private static void Render(HoconValue value, StringBuilder text)
    {
        if (value.IsObject())
        {
            text.Append("{\n");
            foreach (var (key, child) in value.GetObject().Items)
            {
                text.Append(Quote(key)).Append(" = ");
                Render(child, text);
                text.Append('\n');
            }
            text.Append('}');
        }
        else if (value.IsArray())
        {
            text.Append('[');
            var first = true;
            foreach (var item in value.GetArray())
            {
                if (!first) text.Append(", ");
                first = false;
                Render(item, text);
            }
            text.Append(']');
        }
        else
        {
            text.Append(Quote(value.GetString() ?? ""));
        }
    }

    public static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
