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

    /// <summary>The system's configuration with the reference behind it. Idempotent.</summary>
    public static Config Resolve(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(Reference);
        return system.Settings.Config;
    }
}
