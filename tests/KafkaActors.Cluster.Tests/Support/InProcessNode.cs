using System.Text;
using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>
/// One cluster node inside this process: its own ActorSystem, remoting on 127.0.0.1 with a port the OS
/// picks, joined to a seed. Several of them make a real cluster over TCP without another process.
/// </summary>
internal sealed class InProcessNode
{
    private InProcessNode(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    public Address Address => Cluster.SelfAddress;

    public ClusterProducing? Producers { get; private set; }

    /// <summary>Cluster settings for in-process nodes: loopback, OS-chosen ports, and the given roles and extra HOCON on top.</summary>
    public static Config ConfigFor(string bootstrapServers, IEnumerable<string> roles, string extraHocon = "")
    {
        var roleList = string.Join(", ", roles.Select(r => $"\"{r}\""));
        var hocon = new StringBuilder()
            .AppendLine(extraHocon)
            .AppendLine("akka.loglevel = WARNING")
            .AppendLine("akka.actor.provider = cluster")
            .AppendLine("akka.remote.dot-netty.tcp { hostname = \"127.0.0.1\", port = 0 }")
            .AppendLine($"akka.cluster.roles = [{roleList}]")
            .AppendLine($"kafka-actors.producer.kafka-clients.bootstrap.servers = \"{bootstrapServers}\"")
            .ToString();
        // Sharding's (and distributed data's) serializers from the start: peers talk to a node's replicator before it starts producing.
        return ConfigurationFactory.ParseString(hocon).WithFallback(ClusterProducingSettings.Reference).WithFallback(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig());
    }

    /// <summary>Starts a node; with no <paramref name="seed"/> it forms a new cluster by joining itself.</summary>
    public static InProcessNode Start(string systemName, Config config, Address? seed)
    {
        var node = new InProcessNode(ActorSystem.Create(systemName, config));
        node.Cluster.Join(seed ?? node.Address);
        return node;
    }

    /// <summary>Completes when this node is Up.</summary>
    public Task Up()
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task;
    }

    public ClusterProducing StartProducers(ClusterProducingSettings? settings = null) =>
        Producers = ClusterProducing.Start(System, settings);

    /// <summary>Leaves gracefully: CoordinatedShutdown hands buckets off, stops the producer, leaves the cluster.</summary>
    public Task Leave() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);

    /// <summary>
    /// Dies without a word to the cluster: no leave, no hand-off (when CoordinatedShutdown does not run on
    /// terminate, which <see cref="KillableConfig"/> sets). Others find out through the failure detector.
    /// </summary>
    public Task Kill() => System.Terminate();

    /// <summary>HOCON that makes <see cref="Kill"/> abrupt.</summary>
    public const string KillableConfig = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";
}
