using Akka.Annotations;
using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace KafkaActors.Hosting;

/// <summary>
/// INTERNAL API (shared with the other KafkaActors hosting packages; not for users).
/// What options render into: a tree of set values that becomes a <see cref="Config"/> directly (no text
/// to parse) or HOCON text. Dotted keys are paths (<c>linger.ms</c> is <c>linger { ms }</c>), as HOCON
/// reads them, so they merge with and override the same keys from other sources by plain fallback.
/// </summary>
[InternalApi]
public sealed class HoconSection
{
    private readonly SortedDictionary<string, object> _nodes = new(StringComparer.Ordinal);

    public bool IsEmpty => _nodes.Count == 0;

    /// <summary>Sets <paramref name="path"/> when <paramref name="value"/> is set; unset values stay absent, so they fall back.</summary>
    public HoconSection Set(string path, object? value)
    {
        var rendered = value switch
        {
            null => null,
            bool b => b ? "on" : "off",
            KeyOrderMode mode => mode.ToString().ToLowerInvariant(),
            TimeSpan t => $"{(long)t.TotalMilliseconds}ms",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (rendered is null) return this;
        var segments = path.Split('.');
        var node = _nodes;
        foreach (var segment in segments[..^1])
        {
            if (!node.TryGetValue(segment, out var child) || child is not SortedDictionary<string, object> inner)
                node[segment] = inner = new SortedDictionary<string, object>(StringComparer.Ordinal);
            node = inner;
        }
        node[segments[^1]] = rendered;
        return this;
    }

    public HoconSection SetAll<TKey>(string section, IEnumerable<KeyValuePair<TKey, string>>? values) where TKey : notnull
    {
        foreach (var (key, value) in values ?? []) Set($"{section}.{key}", value);
        return this;
    }

    public Config ToConfig() => IsEmpty ? Config.Empty : new Config(new HoconRoot(Value(_nodes)));

    public string ToHocon()
    {
        var text = new StringBuilder();
        Render(_nodes, text, 0);
        return text.ToString();
    }

    private static HoconValue Value(object node)
    {
        var value = new HoconValue();
        if (node is SortedDictionary<string, object> children)
        {
            var obj = new HoconObject();
            foreach (var (key, child) in children) obj.Items[key] = Value(child);
            value.AppendValue(obj);
        }
        else
        {
            value.AppendValue(new HoconLiteral { Value = (string)node });
        }
        return value;
    }

    private static void Render(SortedDictionary<string, object> nodes, StringBuilder text, int depth)
    {
        foreach (var (key, node) in nodes)
        {
            text.Append(' ', depth * 2).Append(HoconText.Quote(key));
            if (node is SortedDictionary<string, object> children)
            {
                text.Append(" {\n");
                Render(children, text, depth + 1);
                text.Append(' ', depth * 2).Append("}\n");
            }
            else
            {
                text.Append(" = ").Append(HoconText.Quote((string)node)).Append('\n');
            }
        }
    }
}
