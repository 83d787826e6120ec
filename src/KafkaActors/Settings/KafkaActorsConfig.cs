using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors;

/// <summary>The reference configuration (hocon/kafka-actors.conf), embedded in the assembly.</summary>
public static class KafkaActorsConfig
{
    /// <summary>Root path of every KafkaActors key.</summary>
    public const string RootPath = "kafka-actors";

    private static readonly Lazy<Config> LazyReference = new(() =>
    {
        using var stream = typeof(KafkaActorsConfig).Assembly.GetManifestResourceStream("KafkaActors.kafka-actors.conf")
                           ?? throw new InvalidOperationException("The embedded kafka-actors.conf resource is missing from the KafkaActors assembly.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });

    /// <summary>Every key with its default.</summary>
    public static Config Reference => LazyReference.Value;

    /// <summary>
    /// Parses HOCON strictly, resolving <c>${VAR}</c> and <c>${?VAR}</c> from environment variables first
    /// (Akka.NET's parser has none). A syntax error, an unknown key under <c>kafka-actors</c>, a misspelt
    /// <c>kafka-actors</c> root or a missing include throws <see cref="KafkaActorsConfigurationException"/>
    /// naming line, column and key; other top-level keys (<c>akka</c>, your own) are left alone.
    /// </summary>
    public static Config ParseString(string hocon) =>
        HoconLoader.ParseString(hocon ?? throw new ArgumentNullException(nameof(hocon)), Environment.GetEnvironmentVariable);

    /// <summary>Reads and parses a HOCON file as <see cref="ParseString"/> does; includes resolve next to it.</summary>
    public static Config ParseFile(string path) =>
        HoconLoader.ParseFile(path ?? throw new ArgumentNullException(nameof(path)), Environment.GetEnvironmentVariable);

    /// <summary>The system's configuration with the reference behind it. Idempotent.</summary>
    public static Config Resolve(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(Reference);
        return system.Settings.Config;
    }
}
