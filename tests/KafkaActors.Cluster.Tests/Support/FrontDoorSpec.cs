using Akka.Configuration;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>
/// A one-node cluster-provider ActorSystem (never joined: the front door only needs the cluster extension)
/// for tests that drive a front door against a probe standing in for the bucket region.
/// </summary>
public abstract class FrontDoorSpec() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(
    "akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING"));
