using Akka.Actor;
using Xunit;

namespace KafkaActors.Cluster.Tests.Cluster;

public class ClusterProducingExtensionTests
{
    [Fact]
    public async Task Get_finds_the_started_share_and_names_the_fix_before_start()
    {
        var system = ActorSystem.Create("get-before-start", "akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING\nakka.cluster.roles = [kafka-producer]\nkafka-actors.producer.kafka-clients.bootstrap.servers = \"127.0.0.1:1\"");
        try
        {
            Assert.Contains("ClusterProducing.Start(system)", Assert.Throws<InvalidOperationException>(() => ClusterProducing.Get(system)).Message);

            var started = ClusterProducing.Start(system);

            Assert.Same(started, ClusterProducing.Get(system));
            Assert.Throws<InvalidOperationException>(() => ClusterProducing.Start(system));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
