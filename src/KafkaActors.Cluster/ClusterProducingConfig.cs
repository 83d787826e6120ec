using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Cluster;

/// <summary>The cluster's reference configuration (hocon/kafka-actors-cluster.conf), embedded in the assembly.</summary>
internal static class ClusterProducingConfig
{
    private static readonly Lazy<Config> LazyReference = new(() =>
    {
        using var stream = typeof(ClusterProducingConfig).Assembly.GetManifestResourceStream("KafkaActors.Cluster.kafka-actors-cluster.conf")
                           ?? throw new InvalidOperationException("The embedded kafka-actors-cluster.conf resource is missing from the KafkaActors.Cluster assembly.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });

    public static Config Reference => LazyReference.Value;

    /// <summary>The system's configuration with both reference configurations behind it. Idempotent.</summary>
    public static Config Resolve(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(Reference);
        return KafkaActorsConfig.Resolve(system);
    }
}
