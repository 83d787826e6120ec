using Akka.Configuration;
using KafkaActors.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace KafkaActors.Tests.Hosting;

/// <summary>Code over HOCON over appsettings over the system's kafka-actors section over the reference.</summary>
public class ProducerOptionsPrecedenceTests
{
    private static IConfiguration AppSettings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build()
            .GetSection("KafkaActors:Producers:orders");

    private static readonly Config SystemConfig = ConfigurationFactory.ParseString("""
        kafka-actors.producers.orders {
          producer.max-in-flight = 20
          retry.max-attempts = 4
        }
        kafka-actors.actor.close-timeout = 9s
        """);

    [Fact]
    public void Each_value_comes_from_the_highest_source_that_sets_it()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .FromConfiguration(AppSettings(
                ("KafkaActors:Producers:orders:BootstrapServers", "from-appsettings:9092"),
                ("KafkaActors:Producers:orders:MaxInFlight", "10"),
                ("KafkaActors:Producers:orders:Retry:MaxAttempts", "3"),
                ("KafkaActors:Producers:orders:DeadLetterTopic", "{topic}.appsettings-dlt")))
            .WithOptions(o => o.MaxInFlight = 30);

        var settings = ProducerActorSettings<string, string>.Create(registration.Compose(SystemConfig).GetConfig(KafkaActorsConfig.RootPath));

        Assert.Equal(30, settings.Producer.MaxInFlight);                       // code
        Assert.Equal(4, settings.Retry.MaxAttempts);                           // HOCON section of the name
        Assert.Equal("{topic}.appsettings-dlt", settings.DeadLetter.TopicPattern); // appsettings
        Assert.Equal("from-appsettings:9092", settings.Producer.BootstrapServers);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.CloseTimeout);          // system's kafka-actors section
        Assert.Equal("all", settings.Producer.Properties["acks"]);             // reference
    }

    [Fact]
    public void A_producer_configured_only_through_the_system_config_reads_it()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("unconfigured");

        var settings = ProducerActorSettings<string, string>.Create(registration.Compose(SystemConfig).GetConfig(KafkaActorsConfig.RootPath));

        Assert.Equal(TimeSpan.FromSeconds(9), settings.CloseTimeout);
        Assert.Equal(10_000, settings.Producer.MaxInFlight);
    }

    [Fact]
    public void A_misspelt_appsettings_key_fails_at_start_naming_the_section()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .FromConfiguration(AppSettings(("KafkaActors:Producers:orders:MaxInFlite", "10")));

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => registration.Compose(SystemConfig));

        Assert.Equal("KafkaActors:Producers:orders", error.Key);
        Assert.Contains("MaxInFlite", error.Message);
    }

    [Fact]
    public void A_bad_value_set_in_code_is_reported_under_its_hocon_key()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .WithOptions(o => o.Retry.MinBackoff = TimeSpan.FromMilliseconds(-5));

        var error = Assert.Throws<KafkaActorsConfigurationException>(() =>
            ProducerActorSettings<string, string>.Create(registration.Compose(SystemConfig).GetConfig(KafkaActorsConfig.RootPath)));

        Assert.Equal("kafka-actors.retry.min-backoff", error.Key);
    }

    [Fact]
    public void Client_properties_set_in_code_keep_their_dotted_names()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .WithOptions(o => o.KafkaClients["linger.ms"] = "0");

        var settings = ProducerPipelineSettings<string, string>.Create(registration.Compose(SystemConfig).GetConfig(ProducerPipelineSettings<string, string>.ConfigPath));

        Assert.Equal("0", settings.Properties["linger.ms"]);
    }

    [Fact]
    public void Naming_a_hocon_section_that_does_not_exist_fails_naming_it()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders").FromHocon("my-app.no-such-section");

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => registration.Compose(SystemConfig));

        Assert.Equal("my-app.no-such-section", error.Key);
    }
}
