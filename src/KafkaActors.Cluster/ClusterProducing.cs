using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Confluent.Kafka;
using KafkaActors.Cluster.Producing;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Routing;
using KafkaActors.Cluster.Serialization;
using Config = Akka.Configuration.Config;

namespace KafkaActors.Cluster;

/// <summary>
/// Producing to Kafka from an Akka cluster, this node's share of it (an actor-system extension, like
/// <c>ClusterSharding</c>). On nodes with the producer role it runs the node's producer actor (over
/// <c>byte[]</c> keys and values) and hosts key buckets as Cluster.Sharding entities; on the others it
/// runs a shard region proxy. Every node can then create front doors (<see cref="ClusterProducerFrontDoor"/>).
/// <see cref="Start"/> it once per actor system, after the node joined (or while it joins) the cluster;
/// <see cref="Get"/> finds it again.
/// </summary>
public sealed class ClusterProducing : IExtension
{
    private ClusterProducing(ClusterProducingSettings settings, IActorRef buckets, IActorRef? producer, ActorSystem system)
    {
        Settings = settings;
        Buckets = buckets;
        Producer = producer;
        System = system;
    }

    public ClusterProducingSettings Settings { get; }

    /// <summary>The shard region of the key buckets (a proxy on nodes without the producer role).</summary>
    public IActorRef Buckets { get; }

    /// <summary>This node's producer actor; null on nodes without the producer role.</summary>
    public IActorRef? Producer { get; }

    public bool IsProducerNode => Producer is not null;

    public ActorSystem System { get; }

    /// <summary>This node's share, once <see cref="Start"/> ran on <paramref name="system"/>.</summary>
    public static ClusterProducing Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetExtension<ClusterProducing>()
               ?? throw new InvalidOperationException($"Cluster producing is not started on actor system '{system.Name}': call ClusterProducing.Start(system) (or WithClusterProducing() in Akka.Hosting) first.");
    }

    /// <summary>
    /// Starts this node's share. <paramref name="settings"/> are read from <c>kafka-actors.cluster</c> when
    /// omitted; <paramref name="producerSettings"/> configure the node's producer actor (keys and values
    /// arrive as bytes), are read from <c>kafka-actors</c> when omitted and matter on producer-role nodes only.
    /// Starting twice on one system is an error.
    /// </summary>
    public static ClusterProducing Start(ActorSystem system, ClusterProducingSettings? settings = null,
        ProducerActorSettings<byte[], byte[]>? producerSettings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (system.GetExtension<ClusterProducing>() is not null)
            throw new InvalidOperationException($"Cluster producing is started already on actor system '{system.Name}': use ClusterProducing.Get(system).");
        var started = StartShare(system, settings ?? ClusterProducingSettings.Create(system), producerSettings);
        system.RegisterExtension(new StartedId(started));
        return started;
    }

    /// <summary>Creates a front door on this node (see <see cref="ClusterProducerFrontDoor"/>).</summary>
    public IActorRef CreateFrontDoor<TKey, TValue, TContext>(ISerializer<TKey>? keySerializer = null,
        ISerializer<TValue>? valueSerializer = null, string? name = null) =>
        System.ActorOf(ClusterProducerFrontDoor.Props<TKey, TValue, TContext>(this, keySerializer, valueSerializer), name);

    private static ClusterProducing StartShare(ActorSystem system, ClusterProducingSettings settings, ProducerActorSettings<byte[], byte[]>? producerSettings)
    {
        ClusterProducingConfig.Resolve(system);
        EnsureWireSerializer((ExtendedActorSystem)system);

        var cluster = Akka.Cluster.Cluster.Get(system);
        var sharding = ClusterSharding.Get(system); // adds sharding's defaults to the configuration
        var config = system.Settings.Config;
        var role = string.IsNullOrEmpty(settings.Role) ? null : settings.Role;
        if (role is not null && !cluster.SelfRoles.Contains(role))
            return new ClusterProducing(settings, sharding.StartProxy(settings.TypeName, role, new BucketMessageExtractor()), null, system);

        producerSettings ??= ProducerActorSettings<byte[], byte[]>.Create(system);
        var producer = system.ActorOf(KafkaProducerActor.Props<byte[], byte[], RecordTicket>(producerSettings), $"{settings.TypeName}-producer");
        var shardingSettings = ShardingSettings(system, config).WithRole(role);
        var outbox = system.ActorOf(ResultOutbox.Props(cluster.SelfAddress), $"{settings.TypeName}-outbox");
        var region = sharding.Start(settings.TypeName, BucketEntity.Props(producer, outbox, cluster.SelfAddress), shardingSettings,
            new BucketMessageExtractor(), AllocationStrategy(config), BucketEntity.HandOff.Instance);
        system.ActorOf(NodeInbox.Props(region), NodeInbox.Name(settings));
        HandOffBeforeTheProducerStops(system, region);
        return new ClusterProducing(settings, region, producer, system);
    }

    /// <summary>
    /// The producer actor stops in CoordinatedShutdown's service-requests-done phase, and sharding would
    /// hand buckets off only later (cluster-sharding-shutdown-region): in between, every record for this
    /// node's buckets would be turned away. So the buckets move first, in service-unbind: entities finish
    /// what is in flight while the producer still runs, and other nodes' new records wait in their
    /// regions for the new owner.
    /// </summary>
    private static void HandOffBeforeTheProducerStops(ActorSystem system, IActorRef region)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        var timeout = shutdown.Timeout(CoordinatedShutdown.PhaseServiceUnbind);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "kafka-actors-hand-off-buckets", async () =>
        {
            try
            {
                await region.GracefulStop(timeout, GracefulShutdown.Instance);
            }
            catch (Exception)
            {
                // Took longer than the phase allows: sharding finishes the hand-off in its own phase.
            }
            return Akka.Done.Instance;
        });
    }

    /// <summary>
    /// Bucket entities never passivate (there are only <c>buckets</c> of them) and the coordinator keeps
    /// its state in distributed data: nothing here needs a persistence plugin.
    /// </summary>
    private static ClusterShardingSettings ShardingSettings(ActorSystem system, Config config)
    {
        var sharding = ConfigurationFactory.ParseString("passivate-idle-entity-after = off\nremember-entities = off\nstate-store-mode = ddata")
            .WithFallback(config.GetConfig("akka.cluster.sharding"));
        return ClusterShardingSettings.Create(sharding, config.GetConfig(sharding.GetString("coordinator-singleton")));
    }

    /// <summary>The newer least-shard algorithm; Akka's default limit of 0 would mean the legacy one.</summary>
    private static IShardAllocationStrategy AllocationStrategy(Config config)
    {
        var least = config.GetConfig("akka.cluster.sharding.least-shard-allocation-strategy");
        var absolute = least.GetInt("rebalance-absolute-limit", 0);
        return ShardAllocationStrategy.LeastShardAllocationStrategy(absolute > 0 ? absolute : 10, least.GetDouble("rebalance-relative-limit", 0.1));
    }

    /// <summary>
    /// The reference configuration binds the wire messages to <see cref="ClusterWireSerializer"/>, but a
    /// system reads its serializers once, at start: register it here too when it was not configured then.
    /// </summary>
    private static void EnsureWireSerializer(ExtendedActorSystem system)
    {
        var serialization = system.Serialization;
        if (serialization.FindSerializerForType(typeof(ProduceRequest)) is ClusterWireSerializer) return;
        var serializer = new ClusterWireSerializer(system);
        serialization.AddSerializer("kafka-actors-cluster", serializer);
        foreach (var type in new[] { typeof(ProduceRequest), typeof(RecordAccepted), typeof(RecordDelivered), typeof(RecordDeadLettered), typeof(RecordRejected), typeof(ResultFrame), typeof(ProduceFrame), typeof(NodeFrame) })
            serialization.AddSerializationMap(type, serializer);
    }

    /// <summary>Registers the share <see cref="Start"/> built: extensions are keyed by type, so <see cref="Get"/> finds it.</summary>
    private sealed class StartedId(ClusterProducing started) : ExtensionIdProvider<ClusterProducing>
    {
        public override ClusterProducing CreateExtension(ExtendedActorSystem system) => started;
    }
}
