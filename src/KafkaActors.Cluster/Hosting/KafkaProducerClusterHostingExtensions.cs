using Akka.Actor;
using Akka.Hosting;
using Confluent.Kafka;

namespace KafkaActors.Cluster;

/// <summary>Registry key of the key-bucket shard region (or proxy) that <see cref="KafkaProducerClusterHostingExtensions.WithKafkaProducerCluster"/> starts.</summary>
public sealed class KafkaProducerClusterBuckets
{
    private KafkaProducerClusterBuckets()
    {
    }
}

/// <summary>Akka.Hosting wiring for the producer cluster; use it beside <c>WithClustering(...)</c> from Akka.Cluster.Hosting.</summary>
public static class KafkaProducerClusterHostingExtensions
{
    /// <summary>
    /// Runs this node's part of the producer cluster (see <see cref="KafkaProducerCluster"/>): adds the
    /// reference configuration (which registers the wire serializer), renders <paramref name="settings"/>
    /// to HOCON when given, starts buckets (or a proxy) and the node's producer, and registers the bucket
    /// region under <see cref="KafkaProducerClusterBuckets"/>. Producer settings come from
    /// <c>kafka-actors</c> in the configuration unless <paramref name="producerSettings"/> says otherwise.
    /// </summary>
    public static AkkaConfigurationBuilder WithKafkaProducerCluster(this AkkaConfigurationBuilder builder,
        KafkaProducerClusterSettings? settings = null, Func<ActorSystem, ProducerActorSettings<byte[], byte[]>>? producerSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (settings is not null) builder.AddHocon(settings.Validated().ToHocon(), HoconAddMode.Prepend);
        builder.AddHocon(KafkaProducerClusterSettings.Reference, HoconAddMode.Append);
        builder.AddHocon(KafkaActorsConfig.Reference, HoconAddMode.Append);
        return builder.WithActors((system, registry) =>
        {
            var cluster = KafkaProducerCluster.Start(system, settings, producerSettings?.Invoke(system));
            registry.Register<KafkaProducerClusterBuckets>(cluster.Buckets);
        });
    }

    /// <summary>
    /// Adds a <see cref="ClusterKafkaProducer"/> front door on this node, registered under
    /// <typeparamref name="TRegistryKey"/> (inject it as <c>IRequiredActor&lt;TRegistryKey&gt;</c>). Call after
    /// <see cref="WithKafkaProducerCluster"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithClusterKafkaProducer<TRegistryKey, TKey, TValue, TContext>(this AkkaConfigurationBuilder builder,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithActors((system, registry) =>
        {
            var buckets = registry.Get<KafkaProducerClusterBuckets>();
            var props = ClusterKafkaProducer.Props<TKey, TValue, TContext>(KafkaProducerClusterSettings.Create(system), buckets, keySerializer, valueSerializer);
            registry.Register<TRegistryKey>(system.ActorOf(props, $"cluster-kafka-producer-{typeof(TRegistryKey).Name}"));
        });
    }
}
