using Akka.Annotations;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace KafkaActors;

/// <summary>
/// INTERNAL API (shared with the other KafkaActors packages; not for users).
/// Typed reads from one configuration section that fail with the full key and the expected type,
/// instead of Akka's generic format errors.
/// </summary>
[InternalApi]
public sealed class ConfigReader
{
    private readonly Config _config;
    private readonly string _path;

    public ConfigReader(Config root, string path)
    {
        _path = path;
        KnownKeys.Check(root); // every reader, so no settings are ever made from a misspelt key
        _config = root.HasPath(path)
            ? root.GetConfig(path)
            : throw new KafkaActorsConfigurationException(path, "section is missing");
    }

    private ConfigReader(string path, Config section)
    {
        _path = path;
        _config = section;
    }

    /// <summary>
    /// Reads a section handed over on its own (<c>Create(Config section)</c>), over the reference's section
    /// at <paramref name="path"/>; errors name keys as if the section were at <paramref name="path"/>.
    /// </summary>
    public static ConfigReader ForSection(Config section, string path, Config? reference = null)
    {
        if (reference is null) KnownKeys.CheckSection(section, path); // a misspelt key never makes settings
        return new(path, section.WithFallback((reference ?? KafkaActorsConfig.Reference).GetConfig(path)));
    }

    /// <summary>The section itself, with the reference behind it.</summary>
    public Config Section => _config;

    public string PathOf(string key) => $"{_path}.{key}";

    public bool Has(string key) => _config.HasPath(key);

    public int PositiveInt(string key) => Read(key, "a whole number greater than 0", () =>
    {
        var raw = _config.GetString(key);
        return int.TryParse(raw, out var v) && v > 0 ? v : throw new FormatException(raw);
    });

    public int NonNegativeInt(string key) => Read(key, "a whole number of 0 or more", () =>
    {
        var raw = _config.GetString(key);
        return int.TryParse(raw, out var v) && v >= 0 ? v : throw new FormatException(raw);
    });

    public double Fraction(string key) => Read(key, "a number from 0.0 to 1.0", () =>
    {
        var raw = _config.GetString(key);
        return double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1
            ? v
            : throw new FormatException(raw);
    });

    public bool Bool(string key, string expected = "on/off or true/false") => Read(key, expected, () => _config.GetString(key) switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        var raw => throw new FormatException(raw),
    });

    public TimeSpan Duration(string key, bool allowZero = false) => Read(key, allowZero ? "a duration of 0 or more (e.g. 500ms, 10s)" : "a positive duration (e.g. 500ms, 10s)", () =>
    {
        var v = _config.GetTimeSpan(key, null, allowInfinite: false);
        return v > TimeSpan.Zero || (allowZero && v == TimeSpan.Zero) ? v : throw new FormatException(v.ToString());
    });

    public long Bytes(string key) => Read(key, "a size in bytes greater than 0 (e.g. 65536, 512KiB, 1MiB)", () =>
        _config.GetByteSize(key) is { } v && v > 0 ? v : throw new FormatException(_config.GetString(key)));

    public string String(string key) => Read(key, "a string", () => _config.GetString(key) ?? "");

    /// <summary>
    /// Flattens a nested section to dotted keys: <c>linger { ms = 5 }</c> becomes <c>linger.ms = 5</c>.
    /// HOCON keeps a quoted <c>"linger.ms"</c> apart from the path <c>linger.ms</c>, so both can survive a
    /// merge; the quoted form wins, because the reference configuration only ever writes paths and a
    /// quoted key therefore comes from the user.
    /// </summary>
    public IReadOnlyDictionary<string, string> Flattened(string key)
    {
        var paths = new Dictionary<string, string>();
        var quoted = new Dictionary<string, string>();
        if (!_config.HasPath(key)) return paths;
        var value = _config.GetValue(key);
        if (!value.IsObject()) throw new KafkaActorsConfigurationException(PathOf(key), "expected an object of client properties");
        Flatten("", value, key, paths, quoted);
        foreach (var (name, v) in quoted) paths[name] = v;
        return paths;
    }

    private void Flatten(string prefix, HoconValue value, string section, Dictionary<string, string> paths, Dictionary<string, string> quoted)
    {
        foreach (var (name, child) in value.GetObject().Items)
        {
            var key = prefix.Length == 0 ? name : $"{prefix}.{name}";
            var into = name.Contains('.') ? quoted : paths;
            if (child.IsObject()) Flatten(key, child, section, paths, quoted);
            else if (child.IsArray())
                into[key] = string.Join(",", child.GetArray().Select(v => v.GetString()));
            else if (child.IsString())
                into[key] = child.GetString();
            else
                throw new KafkaActorsConfigurationException(PathOf($"{section}.{key}"), "expected a string, number or boolean");
        }
    }

    private T Read<T>(string key, string expected, Func<T> read)
    {
        if (!_config.HasPath(key)) throw new KafkaActorsConfigurationException(PathOf(key), $"missing; expected {expected}");
        try
        {
            return read();
        }
        catch (Exception e) when (e is not KafkaActorsConfigurationException)
        {
            var raw = SafeRaw(key);
            throw new KafkaActorsConfigurationException(PathOf(key), $"expected {expected}, got '{raw}'", e);
        }
    }

    private string SafeRaw(string key)
    {
        try
        {
            return _config.GetValue(key)?.ToString() ?? "";
        }
        catch (Exception)
        {
            return "?";
        }
    }
}
