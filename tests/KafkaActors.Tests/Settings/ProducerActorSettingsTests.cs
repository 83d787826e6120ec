using KafkaActors.Tests.Support;
using Akka.Configuration;
using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Tests.Settings;

/// <summary>The retry, dead-letter and actor sections: defaults, overrides, and errors that name the key.</summary>
public class ProducerActorSettingsTests
{
    private static ProducerActorSettings<string, string> FromHocon(string hocon) =>
        ProducerActorSettings<string, string>.Create(ConfigSections.Section(hocon, KafkaActorsConfig.RootPath));

    [Fact]
    public void The_reference_defaults_apply_without_any_user_configuration()
    {
        var settings = FromHocon("");

        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Retry.MinBackoff);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Retry.MaxBackoff);
        Assert.Equal(0.2, settings.Retry.RandomFactor);
        Assert.Equal(10, settings.Retry.MaxAttempts);
        Assert.Equal(KeyOrderMode.On, settings.Retry.PreserveKeyOrder);
        Assert.Equal(10_000, settings.Retry.MaxPendingRetries);
        Assert.Equal(10_000, settings.Retry.MaxHeldRecords);
        Assert.Equal("orders.DLT", settings.DeadLetter.TopicFor("orders"));
        Assert.Equal(10_000, settings.IntakeBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.CloseTimeout);
        Assert.Same(DeliveryErrorClassifier.Default.Overrides, settings.Producer.Classifier.Overrides);
    }

    [Fact]
    public void Every_section_reads_its_overrides()
    {
        var settings = FromHocon("""
            kafka-actors {
              retry { min-backoff = 1s, max-backoff = 1m, random-factor = 0, max-attempts = 3, preserve-key-order = off
                      max-pending-retries = 7, max-held-records = 8 }
              producer.classify { RequestTimedOut = permanent, "-192" = producer-failed, msgsizetoolarge = retriable }
              dead-letter.topic = "dead.{topic}.letters"
              actor { intake-buffer-size = 5, close-timeout = 0s }
            }
            """);

        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), 0.0, 3, KeyOrderMode.Off, 7, 8),
            (settings.Retry.MinBackoff, settings.Retry.MaxBackoff, settings.Retry.RandomFactor, settings.Retry.MaxAttempts,
                settings.Retry.PreserveKeyOrder, settings.Retry.MaxPendingRetries, settings.Retry.MaxHeldRecords));
        Assert.Equal(FailureKind.Permanent, settings.Producer.Classifier.Classify(ErrorCode.RequestTimedOut));
        Assert.Equal(FailureKind.ProducerFailed, settings.Producer.Classifier.Classify(ErrorCode.Local_MsgTimedOut));
        Assert.Equal(FailureKind.Retriable, settings.Producer.Classifier.Classify(ErrorCode.MsgSizeTooLarge));
        Assert.Equal("dead.orders.letters", settings.DeadLetter.TopicFor("orders"));
        Assert.Equal((5, TimeSpan.Zero), (settings.IntakeBufferSize, settings.CloseTimeout));
    }

    [Fact]
    public void A_dead_letter_topic_of_off_publishes_nowhere()
    {
        var settings = FromHocon("kafka-actors.dead-letter.topic = off");

        Assert.False(settings.DeadLetter.Publishes);
        Assert.Null(settings.DeadLetter.TopicFor("orders"));
    }

    [Theory]
    [InlineData("kafka-actors.retry.max-attempts = 0", "kafka-actors.retry.max-attempts")]
    [InlineData("kafka-actors.retry.random-factor = 2", "kafka-actors.retry.random-factor")]
    [InlineData("kafka-actors.retry { min-backoff = 2s, max-backoff = 1s }", "kafka-actors.retry.max-backoff")]
    [InlineData("kafka-actors.retry.preserve-key-order = maybe", "kafka-actors.retry.preserve-key-order")]
    [InlineData("kafka-actors.producer.classify.NoSuchError = permanent", "kafka-actors.producer.classify.NoSuchError")]
    [InlineData("kafka-actors.producer.classify.RequestTimedOut = sometimes", "kafka-actors.producer.classify.RequestTimedOut")]
    [InlineData("kafka-actors.dead-letter.topic = \"\"", "kafka-actors.dead-letter.topic")]
    [InlineData("kafka-actors.dead-letter.kafka-clients.message.max.bytez = 5", "kafka-actors.dead-letter.kafka-clients.message.max.bytez")]
    [InlineData("kafka-actors.actor.intake-buffer-size = -1", "kafka-actors.actor.intake-buffer-size")]
    [InlineData("kafka-actors.actor.close-timeout = soon", "kafka-actors.actor.close-timeout")]
    public void An_invalid_value_fails_naming_its_key(string hocon, string key)
    {
        var e = Assert.Throws<KafkaActorsConfigurationException>(() => FromHocon(hocon));
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void Backoff_doubles_from_min_caps_at_max_and_adds_at_most_the_random_factor()
    {
        var retry = RetrySettings.Create(ConfigurationFactory.Empty)
            .WithBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), 0.5);

        Assert.Equal([100, 200, 400, 500, 500], Enumerable.Range(1, 5).Select(a => retry.BackoffAfter(a, 0).TotalMilliseconds));
        Assert.Equal(150, retry.BackoffAfter(1, 1).TotalMilliseconds, 3);
        Assert.Equal(750, retry.BackoffAfter(1000, 1).TotalMilliseconds, 3);
    }
}
