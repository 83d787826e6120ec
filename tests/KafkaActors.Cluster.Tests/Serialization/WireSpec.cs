using Akka.Configuration;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Serialization;

namespace KafkaActors.Cluster.Tests.Serialization;

/// <summary>An actor system with remoting and the cluster's reference configuration, and its wire serializer.</summary>
public abstract class WireSpec : Akka.TestKit.Xunit2.TestKit
{
    protected WireSpec()
        : base(ConfigurationFactory.ParseString("akka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }\nakka.loglevel = WARNING")
            .WithFallback(ClusterProducingSettings.Reference))
    {
        Serializer = (ClusterWireSerializer)Sys.Serialization.FindSerializerForType(typeof(ProduceRequest));
    }

    protected ClusterWireSerializer Serializer { get; }

    /// <summary>
    /// What decoding one payload may allocate: the objects it describes (at most a few times its size, strings
    /// in UTF-16) plus a fixed allowance for the exception, its message and a resolved actor reference.
    /// </summary>
    protected static long AllocationBound(byte[] payload) => 64 * 1024 + 8L * payload.Length;
}
