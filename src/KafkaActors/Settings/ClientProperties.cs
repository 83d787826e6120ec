using System.Collections.Immutable;

namespace KafkaActors;

/// <summary>librdkafka properties: checking them, and rendering them without leaking secrets.</summary>
internal static class ClientProperties
{
    private static readonly string[] SecretMarkers = { "password", "secret", "sasl.jaas.config", "ssl.key.pem", "ssl.keystore", "token" };

    public static bool IsSecret(string key) =>
        SecretMarkers.Any(m => key.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws naming the first key librdkafka rejects (unknown name or invalid value); <paramref name="locate"/> says where a key was written.</summary>
    public static void Validate(IReadOnlyDictionary<string, string> properties, string configPath, Func<string, ConfigLocation?>? locate = null)
    {
        var problems = LibrdkafkaConfigValidator.Validate(properties);
        if (problems is null || problems.Count == 0) return;
        var (key, problem) = problems[0];
        // A value under a key librdkafka does not know may be a secret under a misspelt name (sasl.pasword): never shown.
        var value = problem == LibrdkafkaConfigValidator.UnknownProperty || IsSecret(key) ? "" : $" (value '{properties[key]}')";
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more: {string.Join(", ", problems.Skip(1).Select(p => p.Key))})" : "";
        throw new KafkaActorsConfigurationException($"{configPath}.{key}", $"{problem}{value}{more}", locate?.Invoke(key));
    }

    public static string Render(ImmutableSortedDictionary<string, string> properties) =>
        string.Join(", ", properties.Select(p => $"{p.Key}={(IsSecret(p.Key) ? "***" : p.Value)}"));
}
