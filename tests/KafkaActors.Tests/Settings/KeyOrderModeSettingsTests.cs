using Akka.Configuration;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Settings;

/// <summary>preserve-key-order: its three values, the old boolean spellings, and what on needs from the client.</summary>
public class KeyOrderModeSettingsTests
{
    private static ProducerActorSettings<string, string> FromHocon(string hocon) =>
        ProducerActorSettings<string, string>.Create(ConfigSections.Section(hocon, KafkaActorsConfig.RootPath))
            .WithBootstrapServers("localhost:9092");

    [Theory]
    [InlineData("on", KeyOrderMode.On)]
    [InlineData("true", KeyOrderMode.On)]
    [InlineData("strict", KeyOrderMode.Strict)]
    [InlineData("off", KeyOrderMode.Off)]
    [InlineData("false", KeyOrderMode.Off)]
    public void Each_value_reads_as_its_mode(string value, KeyOrderMode mode) =>
        Assert.Equal(mode, FromHocon($"kafka-actors.retry.preserve-key-order = {value}").Retry.PreserveKeyOrder);

    [Fact]
    public void A_value_that_is_no_mode_names_the_choices()
    {
        var e = Assert.Throws<KafkaActorsConfigurationException>(() => FromHocon("kafka-actors.retry.preserve-key-order = sometimes"));
        Assert.Equal("kafka-actors.retry.preserve-key-order", e.Key);
        Assert.Contains("on, strict or off", e.Message);
    }

    [Fact]
    public void On_without_idempotence_or_one_request_in_flight_fails_at_start_naming_the_keys()
    {
        var settings = FromHocon("kafka-actors.producer.kafka-clients.enable.idempotence = false");

        var e = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaProducerActor.Props<string, string, int>(settings));
        Assert.Equal("kafka-actors.retry.preserve-key-order", e.Key);
        Assert.Contains("kafka-actors.producer.kafka-clients.enable.idempotence = true", e.Message);
        Assert.Contains("kafka-actors.producer.kafka-clients.max.in.flight.requests.per.connection = 1", e.Message);
    }

    [Theory]
    [InlineData("kafka-actors.producer.kafka-clients { enable.idempotence = false, max.in.flight.requests.per.connection = 1 }")]
    [InlineData("kafka-actors.producer.kafka-clients.enable.idempotence = false\nkafka-actors.retry.preserve-key-order = strict")]
    [InlineData("kafka-actors.producer.kafka-clients.enable.idempotence = false\nkafka-actors.retry.preserve-key-order = off")]
    [InlineData("")]
    public void On_with_either_client_guarantee_and_the_other_modes_start(string hocon) =>
        Assert.NotNull(KafkaProducerActor.Props<string, string, int>(FromHocon(hocon)));

    [Fact]
    public void In_code_every_mode_can_be_chosen()
    {
        var retry = RetrySettings.Create(ConfigurationFactory.Empty);
        Assert.All(Enum.GetValues<KeyOrderMode>(), m => Assert.Equal(m, retry.WithPreserveKeyOrder(m).PreserveKeyOrder));
        Assert.Throws<ArgumentOutOfRangeException>(() => retry.WithPreserveKeyOrder((KeyOrderMode)7));
    }
}
