using KafkaActors.Tests.Support;
using Akka.Configuration;
using Xunit;

namespace KafkaActors.Tests.Settings;

public class ProducerPipelineSettingsTests
{
    private static ProducerPipelineSettings<string, string> FromHocon(string hocon) =>
        ProducerPipelineSettings<string, string>.Create(ConfigSections.Section(hocon, ProducerPipelineSettings<string, string>.ConfigPath));

    [Fact]
    public void The_reference_defaults_apply_without_any_user_configuration()
    {
        var settings = FromHocon("");

        Assert.Equal(10_000, settings.MaxInFlight);
        Assert.False(settings.Ordered);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.FlushTimeout);
        Assert.Equal("all", settings.Properties["acks"]);
        Assert.Equal("true", settings.Properties["enable.idempotence"]);
        Assert.Equal("5", settings.Properties["linger.ms"]);
        Assert.Null(settings.BootstrapServers);
    }

    [Fact]
    public void Nested_and_dotted_client_keys_flatten_to_the_same_librdkafka_names()
    {
        var settings = FromHocon("""
            kafka-actors.producer.kafka-clients {
              bootstrap.servers = "a:9092,b:9092"
              batch { num { messages = 5000 } }
              "compression.type" = lz4
            }
            """);

        Assert.Equal("a:9092,b:9092", settings.BootstrapServers);
        Assert.Equal("5000", settings.Properties["batch.num.messages"]);
        Assert.Equal("lz4", settings.Properties["compression.type"]);
    }

    [Fact]
    public void A_quoted_client_key_overrides_the_reference_default_written_as_a_path()
    {
        var settings = FromHocon("""kafka-actors.producer.kafka-clients { "linger.ms" = 50 }""");

        Assert.Equal("50", settings.Properties["linger.ms"]);
    }

    [Fact]
    public void A_misspelt_client_key_fails_naming_the_full_key()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() =>
            FromHocon("kafka-actors.producer.kafka-clients.linger.msec = 5"));

        Assert.Equal("kafka-actors.producer.kafka-clients.linger.msec", error.Key);
        Assert.Contains("unknown librdkafka property", error.Message);
    }

    [Fact]
    public void An_invalid_client_value_fails_naming_the_key_and_what_librdkafka_said()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() =>
            FromHocon("kafka-actors.producer.kafka-clients.acks = sometimes"));

        Assert.Equal("kafka-actors.producer.kafka-clients.acks", error.Key);
        Assert.Contains("sometimes", error.Message);
    }

    [Theory]
    [InlineData("max-in-flight = 0", "kafka-actors.producer.max-in-flight", "greater than 0")]
    [InlineData("max-in-flight = lots", "kafka-actors.producer.max-in-flight", "whole number")]
    [InlineData("ordered = maybe", "kafka-actors.producer.ordered", "on/off")]
    [InlineData("flush-timeout = -1s", "kafka-actors.producer.flush-timeout", "duration")]
    public void A_bad_flow_setting_fails_naming_the_key_and_the_expected_type(string line, string key, string expected)
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => FromHocon($"kafka-actors.producer.{line}"));

        Assert.Equal(key, error.Key);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Secrets_never_appear_when_settings_are_printed_or_rejected()
    {
        var settings = FromHocon("""kafka-actors.producer.kafka-clients { sasl.password = "hunter2", sasl.username = "svc" }""");

        Assert.DoesNotContain("hunter2", settings.ToString());
        Assert.Contains("sasl.username=svc", settings.ToString());
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => settings.WithProperty("ssl.key.password.typo", "hunter2"));
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void A_value_under_a_misspelt_librdkafka_key_is_never_printed()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() =>
            FromHocon("kafka-actors.producer.kafka-clients { sasl.username = svc, sasl.pasword = \"Zebra-Horse-42\" }"));

        Assert.Equal("kafka-actors.producer.kafka-clients.sasl.pasword", error.Key);
        Assert.DoesNotContain("Zebra", error.Message);
        Assert.Contains("unknown librdkafka property", error.Message);
    }

    [Fact]
    public void With_methods_return_changed_copies_and_validate_their_input()
    {
        var original = FromHocon("");
        var changed = original.WithBootstrapServers("x:1").WithMaxInFlight(10).WithOrdered(true).WithProperty("linger.ms", "0");

        Assert.Null(original.BootstrapServers);
        Assert.Equal(10_000, original.MaxInFlight);
        Assert.Equal(("x:1", 10, true, "0"), (changed.BootstrapServers, changed.MaxInFlight, changed.Ordered, changed.Properties["linger.ms"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => original.WithMaxInFlight(0));
        Assert.Throws<KafkaActorsConfigurationException>(() => original.WithProperty("no.such.thing", "1"));
    }

    [Fact]
    public void Building_a_producer_without_bootstrap_servers_says_which_key_to_set()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => FromHocon("").BuildProducer((_, _) => { }, null));

        Assert.Equal("kafka-actors.producer.kafka-clients.bootstrap.servers", error.Key);
    }

    [Fact]
    public void Building_a_producer_for_a_type_without_a_default_serializer_asks_for_one()
    {
        var settings = ProducerPipelineSettings<string, Uri>.Create(ConfigurationFactory.Empty).WithBootstrapServers("127.0.0.1:1");

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => settings.BuildProducer((_, _) => { }, null));

        Assert.Contains("Pass a serializer", error.Message);
    }
}
