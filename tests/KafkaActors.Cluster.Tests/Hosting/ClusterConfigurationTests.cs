using Akka.Actor;
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

        var cluster = KafkaProducerClusterSettings.Create(config);
        var producer = ProducerActorSettings<byte[], byte[]>.Create(config.GetConfig(KafkaActorsConfig.RootPath));

        Assert.Equal(("kafka-producer", 128), (cluster.Role, cluster.Buckets));
        Assert.Equal(Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS") ?? "localhost:9092", producer.Producer.BootstrapServers);
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
    }

    [Fact]
    public void Every_reference_configuration_of_the_akka_family_passes_the_strict_parser()
    {
        // Akka's own files are the largest body of real HOCON at hand: the strict check must accept them all.
        var files = Directory.GetFiles(AppContext.BaseDirectory, "Akka*.dll")
            .Select(System.Reflection.Assembly.LoadFrom)
            .SelectMany(a => a.GetManifestResourceNames().Where(n => n.EndsWith(".conf", StringComparison.Ordinal)).Select(n => (a, n)))
            .ToList();

        foreach (var (assembly, name) in files)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var text = reader.ReadToEnd();
            var error = Record.Exception(() => KafkaActorsConfig.ParseString(text));
            Assert.True(error is null, $"{name}: {error?.Message}");
        }
        Assert.True(files.Count >= 12, $"only {files.Count} reference files found");
    }

    [Fact]
    public void Settings_rendered_to_hocon_read_back_the_same()
    {
        var settings = new KafkaProducerClusterSettings { Role = "", Buckets = 7, MaxPending = 3, AcceptTimeout = TimeSpan.FromMilliseconds(1500), MaxSubmissions = 4 };

        Assert.Equal(settings, KafkaProducerClusterSettings.Create(KafkaActorsConfig.ParseString(settings.ToHocon())));
    }

    [Fact]
    public void Invalid_values_name_their_key() =>
        Assert.Contains("kafka-actors.cluster.buckets", Assert.Throws<KafkaActorsConfigurationException>(() =>
            KafkaProducerClusterSettings.Create(KafkaActorsConfig.ParseString("kafka-actors.cluster.buckets = 0"))).Message);

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
                .WithKafkaProducerCluster()                                        // buckets, this node's producer, wire serializer
                .WithClusterKafkaProducer<Orders, string, string, int>();          // a front door, IRequiredActor<Orders>
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
            Assert.True(registry.TryGet<KafkaProducerClusterBuckets>(out _));

            #region readme-cluster-produce
            var frontDoor = await registry.GetAsync<Orders>();
            var reply = await frontDoor.Ask<IProduceReply<string, string, int>>(
                Produce.Create("orders", "order-1", "{\"n\":1}", 42), TimeSpan.FromSeconds(60));
            // Delivered | DeadLettered (with your envelope and context) | ProduceRejected (pending set full)
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

    private sealed class Orders;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KafkaActors.sln"))) return dir.FullName;
        throw new InvalidOperationException("KafkaActors.sln not found above " + AppContext.BaseDirectory);
    }
}
