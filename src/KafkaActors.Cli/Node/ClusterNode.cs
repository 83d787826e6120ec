using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using KafkaActors.Cli.Diagnostics;
using KafkaActors.Cluster;

namespace KafkaActors.Cli.Node;

/// <summary>
/// One cluster node in this process for <c>kafka-actors node</c>: an ActorSystem with Akka.Remote on
/// 127.0.0.1 only, joined to a seed (or to itself, forming the cluster), with failure detection and the
/// split-brain resolver tuned for a local cluster, so a killed node is downed in seconds but a busy
/// 2-core machine does not down a live one.
/// </summary>
internal sealed class ClusterNode
{
    public const string SystemName = "kafka-actors";
    public const string Host = "127.0.0.1";
    public const string ProducerRole = "kafka-producer";

    /// <summary>Failure detection, downing, sharding and submitter timings for a cluster on one machine (the cluster tests use it too).</summary>
    public const string LocalClusterHocon = """
        akka.actor.provider = cluster
        akka.remote.log-remote-lifecycle-events = off
        akka.coordinated-shutdown.phases.service-unbind.timeout = 15s
        akka.cluster {
          failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 3s }
          downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
          split-brain-resolver { active-strategy = keep-majority, stable-after = 2s, down-all-when-unstable = off }
          sharding {
            rebalance-interval = 1s
            handoff-timeout = 20s
            least-shard-allocation-strategy { rebalance-absolute-limit = 20, rebalance-relative-limit = 0.5 }
          }
        }
        kafka-actors.cluster.submitter { outcome-timeout = 15s, check-interval = 250ms }
        """;

    private ClusterNode(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    public Address Address => Cluster.SelfAddress;

    /// <summary>The address of the node on <paramref name="port"/> of this machine's loopback.</summary>
    public static Address AddressAt(int port) => new("akka.tcp", SystemName, Host, port);

    /// <summary>Starts the node and completes once it is Up (joined to <paramref name="seed"/>, or alone when null).</summary>
    public static async Task<ClusterNode> StartAsync(int port, Address? seed, bool produces, string? bootstrapServers, int window, CancellationToken ct)
    {
        var bootstrap = bootstrapServers is null ? "" : $"kafka-actors.producer.kafka-clients.bootstrap.servers = \"{bootstrapServers}\"";
        var config = ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp { hostname = "{{Host}}", port = {{port}} }
            akka.cluster.roles = [{{(produces ? $"\"{ProducerRole}\"" : "")}}]
            {{bootstrap}}
            kafka-actors.actor.intake-buffer-size = {{Math.Max(window, 10_000)}}
            kafka-actors.cluster.submitter.max-pending = {{Math.Max(window, 10_000)}}
            """).WithFallback(ConfigurationFactory.ParseString(LocalClusterHocon)).WithFallback(StandardErrorLogger.Hocon)
            .WithFallback(ClusterProducingSettings.Reference)
            // Sharding's serializers from the start: peers may register with this node's coordinator before it starts producing.
            .WithFallback(ClusterSharding.DefaultConfig());
        var node = new ClusterNode(ActorSystem.Create(SystemName, config));
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        node.Cluster.Join(seed ?? node.Address);
        try
        {
            await up.Task.WaitAsync(TimeSpan.FromMinutes(1), ct);
        }
        catch (TimeoutException)
        {
            await node.System.Terminate();
            throw new CliFailure($"the node at {node.Address} did not become Up within a minute: is a node listening at the seed {seed}?");
        }
        return node;
    }

    /// <summary>Completes once at least <paramref name="members"/> members are Up, as this node sees them.</summary>
    public async Task AwaitMembersUp(int members, CancellationToken ct)
    {
        // Membership changes arrive by gossip in a few hundred ms; a light poll keeps this free of an actor.
        while (Cluster.State.Members.Count(m => m.Status == MemberStatus.Up) < members)
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
    }

    /// <summary>Leaves the cluster the way a node should: buckets handed off, the producer drained.</summary>
    public Task LeaveAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
}
