using Akka.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>Code over HOCON over appsettings over the system's kafka-actors section over the reference.</summary>
public class ProducerOptionsPrecedenceTests
{
    private static IConfiguration AppSettings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"KafkaActors:Producers:orders:{v.Key}", v.Value))).Build()
            .GetSection("KafkaActors:Producers:orders");

    private static readonly Config SystemConfig = ConfigurationFactory.ParseString("""
        kafka-actors.producers.orders {
          producer.max-in-flight = 20
          producer.kafka-clients.linger.ms = 7
          retry.max-attempts = 4
        }
        kafka-actors.actor.close-timeout = 9s
        """);

    private static ProducerActorSettings<string, string> Settings(KafkaProducerRegistration<string, string, int> registration) =>
        ProducerActorSettings<string, string>.Create(registration.Compose(SystemConfig));

    [Fact]
    public void Each_value_comes_from_the_highest_source_that_sets_it()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .FromConfiguration(AppSettings(
                ("BootstrapServers", "from-appsettings:9092"),
                ("Producer:MaxInFlight", "10"),
                ("Producer:KafkaClients:linger.ms", "3"),
                ("Retry:MaxAttempts", "3"),
                ("DeadLetter:Topic", "{topic}.appsettings-dlt")))
            .WithOptions(o => o.Producer.MaxInFlight = 30);

        var settings = Settings(registration);

        Assert.Equal(30, settings.Producer.MaxInFlight);                       // code
        Assert.Equal(4, settings.Retry.MaxAttempts);                           // HOCON section of the name
        Assert.Equal("7", settings.Producer.Properties["linger.ms"]);          // HOCON path beats an appsettings dotted key
        Assert.Equal("{topic}.appsettings-dlt", settings.DeadLetter.TopicPattern); // appsettings
        Assert.Equal("from-appsettings:9092", settings.Producer.BootstrapServers);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.CloseTimeout);          // system's kafka-actors section
        Assert.Equal("all", settings.Producer.Properties["acks"]);             // reference
    }

    [Fact]
    public void A_producer_configured_only_through_the_system_config_reads_it()
    {
        var settings = Settings(new KafkaProducerRegistration<string, string, int>("unconfigured"));

        Assert.Equal(TimeSpan.FromSeconds(9), settings.CloseTimeout);
        Assert.Equal(10_000, settings.Producer.MaxInFlight);
    }

    [Fact]
    public void Keys_that_were_missing_from_the_options_reach_the_settings()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .FromConfiguration(AppSettings(
                ("Retry:MaxHeldRecords", "17"),
                ("Producer:UseDispatcher", "akka.actor.default-dispatcher"),
                ("Producer:Classify:RequestTimedOut", "Permanent"),
                ("DeadLetter:KafkaClients:message.max.bytes", "2000000")));

        var settings = Settings(registration);

        Assert.Equal(17, settings.Retry.MaxHeldRecords);
        Assert.Equal("akka.actor.default-dispatcher", settings.Producer.UseDispatcher);
        Assert.Equal(FailureKind.Permanent, settings.Producer.Classifier.Classify(Confluent.Kafka.ErrorCode.RequestTimedOut));
        Assert.Equal("2000000", settings.DeadLetter.ClientOverrides["message.max.bytes"]);
    }

    [Theory]
    [InlineData("Producer:MaxInFlite", "10", "MaxInFlite")]
    [InlineData("Retry:MaxAttempts", "ten", "Retry:MaxAttempts")]
    [InlineData("Producer:Classify:NoSuchError", "Permanent", "NoSuchError")]
    [InlineData("Producer:Classify:RequestTimedOut", "Sometimes", "Sometimes")]
    public void A_misspelt_appsettings_key_or_bad_value_fails_at_start_naming_it(string key, string value, string named)
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders").FromConfiguration(AppSettings((key, value)));

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => registration.Compose(SystemConfig));

        Assert.Equal("KafkaActors:Producers:orders", error.Key);
        Assert.True(error.Message.Contains(named, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void A_bad_value_set_in_code_is_reported_under_its_hocon_key()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .WithOptions(o => o.Retry.MinBackoff = TimeSpan.FromMilliseconds(-5));

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => Settings(registration));

        Assert.Equal("kafka-actors.retry.min-backoff", error.Key);
    }

    [Fact]
    public void Client_properties_set_in_code_keep_their_dotted_names_and_win()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders")
            .WithOptions(o => o.Producer.KafkaClients["linger.ms"] = "0");

        Assert.Equal("0", Settings(registration).Producer.Properties["linger.ms"]);
    }

    [Fact]
    public void Naming_a_hocon_section_that_does_not_exist_fails_naming_it()
    {
        var registration = new KafkaProducerRegistration<string, string, int>("orders").FromHocon("my-app.no-such-section");

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => registration.Compose(SystemConfig));

        Assert.Equal("my-app.no-such-section", error.Key);
    }
}
