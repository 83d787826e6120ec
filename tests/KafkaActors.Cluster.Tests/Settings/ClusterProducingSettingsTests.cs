using Akka.Actor;
using Akka.Configuration;
using Xunit;

namespace KafkaActors.Cluster.Tests.Settings;

public class ClusterProducingSettingsTests
{
    [Fact]
    public void The_cluster_example_loads_and_makes_valid_settings()
    {
        var config = KafkaActorsConfig.ParseFile(Path.Combine(RepositoryRoot(), "hocon", "examples", "cluster.conf"));

        var cluster = ClusterProducingSettings.Create(config.GetConfig(ClusterProducingSettings.ConfigPath));
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
    public void Invalid_values_name_their_key() =>
        Assert.Contains("kafka-actors.cluster.buckets", Assert.Throws<KafkaActorsConfigurationException>(() =>
            ClusterProducingSettings.Create(KafkaActorsConfig.ParseString("kafka-actors.cluster.buckets = 0").GetConfig(ClusterProducingSettings.ConfigPath))).Message);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KafkaActors.sln"))) return dir.FullName;
        throw new InvalidOperationException("KafkaActors.sln not found above " + AppContext.BaseDirectory);
    }
}
