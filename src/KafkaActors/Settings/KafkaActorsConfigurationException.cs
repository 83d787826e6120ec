namespace KafkaActors;

/// <summary>A configuration value is missing, unknown or of the wrong type. The message names the key.</summary>
public sealed class KafkaActorsConfigurationException : Exception
{
    public KafkaActorsConfigurationException(string key, string problem, Exception? inner = null)
        : base($"Invalid configuration at '{key}': {problem}", inner)
    {
        Key = key;
    }

    /// <summary>The full configuration path of the offending key.</summary>
    public string Key { get; }
}
