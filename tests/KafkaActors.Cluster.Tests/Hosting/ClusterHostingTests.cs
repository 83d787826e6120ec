using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using KafkaActors.Cluster.Hosting;
using KafkaActors.Hosting;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaActors.Cluster.Tests.Hosting;

public class ClusterHostingTests
{
    [Fact]
    public async Task Akka_hosting_wires_the_serializer_the_buckets_and_a_front_door_that_produces()
    {
        using var kafka = KafkaActors.Testing.EmbeddedKafka.Start();
        kafka.CreateTopic("orders", 2);
        using var host = new HostBuilder().ConfigureServices(services => services.AddAkka("hosted", builder =>
        {
            builder.AddHocon($"kafka-actors.producer.kafka-clients.bootstrap.servers = \"{kafka.BootstrapServers}\"", HoconAddMode.Prepend);
            #region readme-cluster
            builder
                .WithRemoting("127.0.0.1", 0)
                .WithClustering(new ClusterOptions { Roles = ["kafka-producer"] }) // seed nodes and downing as usual
                .WithClusterProducing()                                            // buckets, this node's producer, wire serializer
                .WithClusterFrontDoor(new Orders());                               // a front door, IRequiredActor<Orders>
            #endregion
        })).Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            var cluster = Akka.Cluster.Cluster.Get(system);
            await cluster.JoinAsync(cluster.SelfAddress); // a one-node cluster: this test's stand-in for seed nodes

            Assert.IsType<ClusterWireSerializer>(system.Serialization.FindSerializerForType(typeof(ProduceRequest)));
            Assert.True(registry.TryGet<ClusterProducingBuckets>(out _));

            var frontDoor = host.Services.GetRequiredService<IRequiredActor<Orders>>();
            #region readme-cluster-produce
            var reply = await frontDoor.ProduceAsync(ProducerEnvelope.Create("orders", "order-1", "{\"n\":1}", 42), Cancel);
            // Produced | DeadLettered (with your envelope and context) | ProduceRejected (pending set full)
            #endregion

            var delivered = Assert.IsType<Produced<string, string, int>>(reply);
            Assert.Equal(42, delivered.Envelope.Context);
            Assert.True(RecordIdHeader.TryGet(delivered.Envelope.Message.Headers, out _));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static CancellationToken Cancel => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    // Names the record types once; the front door is registered and used like a local producer.
    private sealed class Orders() : KafkaProducerDefinition<Orders, string, string, int>("orders");
}
