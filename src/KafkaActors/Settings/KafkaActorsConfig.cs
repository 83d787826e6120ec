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

    /// <summary>Parses HOCON, resolving <c>${VAR}</c> and <c>${?VAR}</c> from environment variables first.</summary>
    public static Config ParseString(string hocon) =>
        ConfigurationFactory.ParseString(EnvironmentSubstitution.Apply(hocon, Environment.GetEnvironmentVariable));

    /// <summary>Reads and parses a HOCON file, resolving environment variables (see <see cref="ParseString"/>).</summary>
    public static Config ParseFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"HOCON file not found: {path}", path);
        return ParseString(File.ReadAllText(path));
    }

    /// <summary>The system's configuration with the reference behind it. Idempotent.</summary>
    public static Config Resolve(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(Reference);
        return system.Settings.Config;
    }
}
