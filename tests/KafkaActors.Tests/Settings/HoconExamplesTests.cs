using KafkaActors.Tests.Support;
using Akka.Configuration;
using Xunit;

namespace KafkaActors.Tests.Settings;

/// <summary>The example files users copy from hocon/examples load and make valid settings.</summary>
public class HoconExamplesTests
{
    private static readonly string ExamplesDirectory = Path.Combine(Support.Repository.Root, "hocon", "examples");

    private static Config Load(string file, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value);
        var text = File.ReadAllText(Path.Combine(ExamplesDirectory, file));
        return ConfigurationFactory.ParseString(EnvironmentSubstitution.Apply(text, name => env.GetValueOrDefault(name)));
    }

    [Fact]
    public void Local_example_points_at_localhost_unless_the_environment_says_otherwise()
    {
        var plain = ProducerPipelineSettings<string, string>.Create(Load("local.conf").Section(ProducerPipelineSettings<string, string>.ConfigPath));
        var overridden = ProducerPipelineSettings<string, string>.Create(Load("local.conf", ("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092")).Section(ProducerPipelineSettings<string, string>.ConfigPath));

        Assert.Equal("localhost:9092", plain.BootstrapServers);
        Assert.Equal("kafka-1:9092", overridden.BootstrapServers);
    }

    [Fact]
    public void Production_example_takes_credentials_from_the_environment_and_never_prints_them()
    {
        var settings = ProducerPipelineSettings<string, string>.Create(Load("production.conf",
            ("KAFKA_BOOTSTRAP_SERVERS", "broker:9093"), ("KAFKA_SASL_USERNAME", "svc-orders"), ("KAFKA_SASL_PASSWORD", "s3cr\"et")).Section(ProducerPipelineSettings<string, string>.ConfigPath));

        Assert.Equal("broker:9093", settings.BootstrapServers);
        Assert.Equal("SASL_SSL", settings.Properties["security.protocol"]);
        Assert.Equal("all", settings.Properties["acks"]);
        Assert.Equal("s3cr\"et", settings.Properties["sasl.password"]);
        Assert.DoesNotContain("s3cr", settings.ToString());
    }

    [Fact]
    public void Production_example_gives_the_producer_actor_its_close_timeout_during_coordinated_shutdown()
    {
        var config = Load("production.conf", ("KAFKA_BOOTSTRAP_SERVERS", "broker:9093"));
        var settings = ProducerActorSettings<string, string>.Create(config.Section(KafkaActorsConfig.RootPath));

        Assert.Equal((5, TimeSpan.FromSeconds(30)), (settings.Retry.MaxAttempts, settings.Retry.MaxBackoff));
        Assert.Equal("orders.DLT", settings.DeadLetter.TopicFor("orders"));
        Assert.True(config.GetTimeSpan("akka.coordinated-shutdown.phases.service-requests-done.timeout") >= settings.CloseTimeout);
    }

    public static TheoryData<string> ExampleFiles => new(Directory.GetFiles(ExamplesDirectory, "*.conf").Select(f => Path.GetFileName(f)).Order());

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_loads_on_its_own_through_the_strict_parser_and_makes_producer_settings(string file)
    {
        var config = KafkaActorsConfig.ParseFile(Path.Combine(ExamplesDirectory, file));

        var settings = ProducerActorSettings<string, string>.Create(config.Section(KafkaActorsConfig.RootPath));

        Assert.True(config.HasPath(KafkaActorsConfig.RootPath), $"{file} sets nothing under kafka-actors");
        Assert.True(settings.Retry.MaxAttempts > 0);
    }

    [Fact]
    public void Every_example_file_is_covered_by_a_test_here()
    {
        var files = Directory.GetFiles(ExamplesDirectory, "*.conf").Select(Path.GetFileName).Order();
        Assert.All(files, f => Assert.True(KnownExamples.Contains(f!), $"hocon/examples/{f} has no test in {nameof(HoconExamplesTests)}"));
    }

    // cluster.conf is tested in KafkaActors.Cluster.Tests (HoconClusterExampleTests).
    private static readonly HashSet<string> KnownExamples = ["local.conf", "production.conf", "cluster.conf"];

}
