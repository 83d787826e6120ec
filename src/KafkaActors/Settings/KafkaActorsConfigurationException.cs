namespace KafkaActors;

/// <summary>
/// A configuration value is missing, unknown or of the wrong type, or the HOCON text is malformed.
/// The message is one line naming the key, and the file, line and column when they are known.
/// </summary>
public sealed class KafkaActorsConfigurationException : Exception
{
    public KafkaActorsConfigurationException(string key, string problem, Exception? inner = null)
        : base(Format(key, problem, null), inner)
    {
        Key = key;
    }

    public KafkaActorsConfigurationException(string key, string problem, ConfigLocation? location, Exception? inner = null)
        : base(Format(key, problem, location), inner)
    {
        Key = key;
        Location = location;
    }

    /// <summary>The full configuration path of the offending key; empty when the text breaks before any key.</summary>
    public string Key { get; }

    /// <summary>Where in which file the problem is, when the configuration came from text we read.</summary>
    public ConfigLocation? Location { get; }

    private static string Format(string key, string problem, ConfigLocation? location)
    {
        var where = location is { } l ? $"{l}: " : "";
        return key.Length == 0 ? $"{where}Invalid HOCON: {problem}" : $"{where}Invalid configuration at '{key}': {problem}";
    }
}
