using Akka.Actor;
using Akka.Configuration;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaActors.Cluster.Tests.Hosting;

public class ClusterConfigurationTests
{
    [Fact]
    public void The_cluster_example_loads_and_makes_valid_settings()
    {
        var config = KafkaActorsConfig.ParseFile(Path.Combine(RepositoryRoot(), "hocon", "examples", "cluster.conf"));

        var cluster = ClusterProducingSettings.Create(config.GetConfig(ClusterProducingSettings.ConfigPath));
        var producer = ProducerActorSettings<byte[], byte[]>.Create(config);

        Assert.Equal(("kafka-producer", 128), (cluster.Role, cluster.Buckets));
        Assert.Equal(Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS") ?? "localhost:9092", producer.Producer.BootstrapServers);
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
    }

    [Fact]
    public void Settings_rendered_to_hocon_read_back_the_same()
    {
        var settings = ClusterProducingSettings.Create(Config.Empty).WithRole("").WithBuckets(7).WithMaxPending(3)
            .WithAcceptTimeout(TimeSpan.FromMilliseconds(1500)).WithMaxSubmissions(4);

        var readBack = ClusterProducingSettings.Create(KafkaActorsConfig.ParseString(settings.ToHocon()).GetConfig(ClusterProducingSettings.ConfigPath));

        Assert.Equal(("", 7, 3, TimeSpan.FromMilliseconds(1500), 4), (readBack.Role, readBack.Buckets, readBack.MaxPending, readBack.AcceptTimeout, readBack.MaxSubmissions));
        Assert.Equal(settings.ToHocon(), readBack.ToHocon());
    }

    [Fact]
    public void Defaults_come_from_the_reference_configuration_alone()
    {
        var reference = ClusterProducingSettings.Reference.GetConfig(ClusterProducingSettings.ConfigPath);

        var defaults = ClusterProducingSettings.Create(Config.Empty);

        Assert.Equal((reference.GetString("role"), reference.GetInt("buckets"), reference.GetTimeSpan("submitter.accept-timeout")),
            (defaults.Role, defaults.Buckets, defaults.AcceptTimeout));
    }

    [Fact]
    public void Any_section_of_the_same_shape_can_be_read()
    {
        var config = KafkaActorsConfig.ParseString("my-app.orders-cluster { buckets = 12, submitter.max-pending = 50 }");

        var settings = ClusterProducingSettings.Create(config.GetConfig("my-app.orders-cluster"));

        Assert.Equal((12, 50, "kafka-producer"), (settings.Buckets, settings.MaxPending, settings.Role));
    }

    [Fact]
    public void WithX_refuses_a_value_that_cannot_work_naming_the_key() =>
        Assert.Contains("kafka-actors.cluster.submitter.max-submissions", Assert.Throws<KafkaActorsConfigurationException>(() =>
            ClusterProducingSettings.Create(Config.Empty).WithMaxSubmissions(0)).Message);

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

    [Fact]
    public void Invalid_values_name_their_key() =>
        Assert.Contains("kafka-actors.cluster.buckets", Assert.Throws<KafkaActorsConfigurationException>(() =>
            ClusterProducingSettings.Create(KafkaActorsConfig.ParseString("kafka-actors.cluster.buckets = 0").GetConfig(ClusterProducingSettings.ConfigPath))).Message);

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
                .WithClusterFrontDoor<Orders, string, string, int>();              // a front door, IRequiredActor<Orders>
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

            #region readme-cluster-produce
            var frontDoor = await registry.GetAsync<Orders>();
            var reply = await frontDoor.Ask<IProduceReply<string, string, int>>(
                Produce.Create("orders", "order-1", "{\"n\":1}", 42), TimeSpan.FromSeconds(60));
            // Delivered | DeadLettered (with your envelope and context) | ProduceRejected (pending set full)
            #endregion

            var delivered = Assert.IsType<DeliveryOutcome<string, string, int>.Delivered>(reply);
            Assert.Equal(42, delivered.Envelope.Context);
            Assert.True(RecordIdHeader.TryGet(delivered.Envelope.Message.Headers, out _));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class Orders;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KafkaActors.sln"))) return dir.FullName;
        throw new InvalidOperationException("KafkaActors.sln not found above " + AppContext.BaseDirectory);
    }
}
