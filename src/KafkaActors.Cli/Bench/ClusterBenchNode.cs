using Akka.Actor;
using Akka.Configuration;
using KafkaActors.Cluster;
using KafkaActors.Cli.Diagnostics;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// One node of the in-process cluster bench: its own ActorSystem, Akka.Remote on 127.0.0.1 with a port
/// the OS picks, joined to a seed (or to itself, forming the cluster). Real TCP between nodes, one process.
/// </summary>
internal sealed class ClusterBenchNode : IAsyncDisposable
{
    public const string ProducerRole = "kafka-producer";

    private ClusterBenchNode(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public Address Address => Akka.Cluster.Cluster.Get(System).SelfAddress;

    public static async Task<ClusterBenchNode> StartAsync(string bootstrapServers, bool produces, int window, Address? seed)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.log-remote-lifecycle-events = off
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.roles = [{{(produces ? $"\"{ProducerRole}\"" : "")}}]
            kafka-actors.producer.kafka-clients.bootstrap.servers = "{{bootstrapServers}}"
            kafka-actors.actor.intake-buffer-size = {{Math.Max(window, 10_000)}}
            kafka-actors.cluster.submitter.max-pending = {{Math.Max(window, 10_000)}}
            """).WithFallback(StandardErrorLogger.Hocon).WithFallback(ClusterProducingSettings.Reference);
        var node = new ClusterBenchNode(ActorSystem.Create("kafka-actors-cluster-bench", config));
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(seed ?? cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    /// <summary>Leaves the cluster the way a node should (a plain terminate makes the other node log a failed association).</summary>
    public async ValueTask DisposeAsync() => await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
}
