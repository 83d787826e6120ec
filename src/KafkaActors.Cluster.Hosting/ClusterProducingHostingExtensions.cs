using Akka.Actor;
using Akka.Hosting;
using Confluent.Kafka;
using KafkaActors.Hosting;

namespace KafkaActors.Cluster.Hosting;

/// <summary>Registry key of the key-bucket shard region (or proxy) that <see cref="ClusterProducingHostingExtensions.WithClusterProducing"/> starts.</summary>
public sealed class ClusterProducingBuckets
{
    private ClusterProducingBuckets()
    {
    }
}

/// <summary>Akka.Hosting wiring for producing from a cluster; use it beside <c>WithClustering(...)</c> from Akka.Cluster.Hosting.</summary>
public static class ClusterProducingHostingExtensions
{
    /// <summary>
    /// Starts this node's share of cluster producing (see <see cref="ClusterProducing"/>): adds the
    /// reference configuration (which registers the wire serializer), renders <paramref name="settings"/>
    /// to HOCON when given, starts buckets (or a proxy) and the node's producer, and registers the bucket
    /// region under <see cref="ClusterProducingBuckets"/>. Producer settings come from
    /// <c>kafka-actors</c> in the configuration unless <paramref name="producerSettings"/> says otherwise.
    /// </summary>
    public static AkkaConfigurationBuilder WithClusterProducing(this AkkaConfigurationBuilder builder,
        ClusterProducingSettings? settings = null, Func<ActorSystem, ProducerActorSettings<byte[], byte[]>>? producerSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (settings is not null) builder.AddHocon(settings.ToHocon(), HoconAddMode.Prepend);
        builder.AddHocon(ClusterProducingSettings.Reference, HoconAddMode.Append);
        builder.AddHocon(KafkaActorsConfig.Reference, HoconAddMode.Append);
        return builder.WithActors((system, registry) =>
        {
            var producing = ClusterProducing.Start(system, settings, producerSettings?.Invoke(system));
            registry.Register<ClusterProducingBuckets>(producing.Buckets);
        });
    }

    /// <summary>
    /// Adds a <see cref="ClusterProducerFrontDoor"/> on this node for <paramref name="definition"/>'s record types,
    /// registered under <typeparamref name="TDefinition"/>: inject <c>IRequiredActor&lt;TDefinition&gt;</c> and use
    /// <c>ProduceAsync</c> or <c>Produce</c> exactly as with a local producer (every type argument is inferred from the
    /// definition, so a mismatch does not compile). Call after <see cref="WithClusterProducing"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithClusterFrontDoor<TDefinition, TKey, TValue, TContext>(this AkkaConfigurationBuilder builder,
        KafkaProducerDefinition<TDefinition, TKey, TValue, TContext> definition,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
        where TDefinition : KafkaProducerDefinition<TDefinition, TKey, TValue, TContext>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        return builder.WithActors((system, registry) =>
        {
            var props = ClusterProducerFrontDoor.Props<TKey, TValue, TContext>(ClusterProducing.Get(system), keySerializer, valueSerializer);
            registry.Register<TDefinition>(system.ActorOf(props, $"cluster-front-door-{definition.Name}"));
        });
    }
}
