using Akka.Actor;
using Akka.Configuration;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Settings;

/// <summary>
/// A misspelt key under kafka-actors fails, naming the full key and the closest known one: when
/// settings are made from any Config, and in ParseFile with the file, line and column.
/// </summary>
public sealed class UnknownKeyTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("kafka-actors-keys-");

    // hocon, the key named, what it suggests, where it is written (line, column)
    public static TheoryData<string, string, string, int, int> Misspelt => new()
    {
        { "kafka-actors.retry.max-attempt = 0", "kafka-actors.retry.max-attempt", "did you mean 'kafka-actors.retry.max-attempts'?", 1, 1 },
        { "kafka-actors {\n  retry {\n    max-attempts = 3\n    min-backof = 1s\n  }\n}", "kafka-actors.retry.min-backof", "did you mean 'kafka-actors.retry.min-backoff'?", 4, 5 },
        { "kafka-actors.retri.max-attempts = 3", "kafka-actors.retri", "did you mean 'kafka-actors.retry'?", 1, 1 },
        { "kafka-actors.producer.max-in-flights = 5", "kafka-actors.producer.max-in-flights", "did you mean 'kafka-actors.producer.max-in-flight'?", 1, 1 },
        { "kafka-actors.producer.kafka-client.linger.ms = 5", "kafka-actors.producer.kafka-client", "did you mean 'kafka-actors.producer.kafka-clients'?", 1, 1 },
        { "kafka-actors.dead-letter.topics = x", "kafka-actors.dead-letter.topics", "did you mean 'kafka-actors.dead-letter.topic'?", 1, 1 },
        { "kafka-actors.actor.close-timout = 1s", "kafka-actors.actor.close-timout", "did you mean 'kafka-actors.actor.close-timeout'?", 1, 1 },
        { "kafka-actors.cluster.submitter.max-pendng = 5", "kafka-actors.cluster.submitter.max-pendng", "did you mean 'kafka-actors.cluster.submitter.max-pending'?", 1, 1 },
        { "kafka-actors.producers.orders.retry.max-atempts = 2", "kafka-actors.producers.orders.retry.max-atempts", "did you mean 'kafka-actors.producers.orders.retry.max-attempts'?", 1, 1 },
        { "kafka-actors.producer.classify.RequestTimedOutt = permanent", "kafka-actors.producer.classify.RequestTimedOutt", "did you mean 'RequestTimedOut'?", 1, 1 },
        { "kafka-actors.completely-unrelated = 1", "kafka-actors.completely-unrelated", "known here: actor, cluster, dead-letter, durability, producer, producers, retry", 1, 1 },
        { "kafka-actor { retry.max-attempts = 0 }", "kafka-actor", "did you mean 'kafka-actors'?", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Misspelt))]
    public void A_misspelt_key_in_a_file_fails_naming_file_line_column_the_key_and_the_closest_known_one(string hocon, string key, string suggestion, int line, int column)
    {
        var file = _dir.Write("app.conf", hocon);

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseFile(file));

        Assert.Equal(key, error.Key);
        Assert.Contains(suggestion, error.Message);
        Assert.Equal(new ConfigLocation(file, line, column), error.Location);
    }

    [Theory]
    [MemberData(nameof(Misspelt))]
    public void A_misspelt_key_under_kafka_actors_fails_when_settings_are_made_from_any_config(string hocon, string key, string suggestion, int line, int column)
    {
        _ = (line, column);
        if (!key.StartsWith("kafka-actors.", StringComparison.Ordinal)) return; // a misspelt root is only ours to judge in our own files
        var config = ConfigurationFactory.ParseString(hocon);

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => ProducerActorSettings<string, string>.Create(config.Section(KafkaActorsConfig.RootPath)));

        Assert.Equal(key, error.Key);
        Assert.Contains(suggestion, error.Message);
        Assert.Null(error.Location);
    }

    [Theory]
    [InlineData("kafka-actors.producer.kafka-clients {\n  linger.msec = 5\n}", "kafka-actors.producer.kafka-clients.linger.msec", 2, 3)]
    [InlineData("kafka-actors.dead-letter.kafka-clients {\n  acks = 1\n  \"message.max.bytez\" = 5\n}", "kafka-actors.dead-letter.kafka-clients.message.max.bytez", 3, 3)]
    [InlineData("kafka-actors.producers.orders.producer.kafka-clients.acks = sometimes", "kafka-actors.producers.orders.producer.kafka-clients.acks", 1, 1)]
    public void A_client_property_librdkafka_rejects_in_a_file_names_its_line(string hocon, string key, int line, int column)
    {
        var file = _dir.Write("clients.conf", hocon);

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseFile(file));

        Assert.Equal(key, error.Key);
        Assert.Equal(new ConfigLocation(file, line, column), error.Location);
    }

    [Fact]
    public void Settings_made_from_an_actor_system_refuse_a_misspelt_key_too()
    {
        using var system = ActorSystem.Create("unknown-keys", ConfigurationFactory.ParseString("kafka-actors.retry.max-attempt = 0"));

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => RetrySettings.Create(system));

        Assert.Equal("kafka-actors.retry.max-attempt", error.Key);
    }

    [Fact]
    public void Roots_that_are_not_ours_and_free_form_sections_are_left_alone()
    {
        var config = KafkaActorsConfig.ParseString("""
            akka.loglevel = WARNING
            my-app { kafka-actors-ish = 1 }
            kafka { brokers = 3 }
            kafka-actors {
              producer.kafka-clients { linger.ms = 1, batch { num { messages = 10 } } }
              dead-letter.kafka-clients { message.max.bytes = 2000000 }
              producer.classify { RequestTimedOut = permanent, "-192" = retriable }
              producers.orders { producer.max-in-flight = 5, retry.max-attempts = 2 }
              cluster.submitter.max-pending = 10
            }
            """);

        var settings = ProducerActorSettings<string, string>.Create(config.Section(KafkaActorsConfig.RootPath));

        Assert.Equal("1", settings.Producer.Properties["linger.ms"]);
        Assert.Equal("WARNING", config.GetString("akka.loglevel"));
    }

    [Fact]
    public void A_quoted_string_in_a_syntax_error_is_never_printed()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() =>
            KafkaActorsConfig.ParseString("kafka-actors.producer.kafka-clients { sasl.password = \"Zebra-Horse-42\" ] }"));

        Assert.DoesNotContain("Zebra", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
