using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors;

/// <summary>Where undeliverable records are published (<c>kafka-actors.dead-letter</c>).</summary>
public sealed class DeadLetterSettings
{
    public const string ConfigPath = "kafka-actors.dead-letter";

    /// <summary>Stands for the original topic in <see cref="TopicPattern"/>.</summary>
    public const string TopicPlaceholder = "{topic}";

    private DeadLetterSettings(string? topicPattern, IReadOnlyDictionary<string, string> clientOverrides)
    {
        TopicPattern = topicPattern;
        ClientOverrides = clientOverrides;
    }

    /// <summary>The dead-letter topic, with <c>{topic}</c> for the original topic (<c>topic</c>); null: off.</summary>
    public string? TopicPattern { get; }

    /// <summary>
    /// librdkafka properties for the dead-letter producer on top of the record producer's
    /// (<c>kafka-clients</c>), e.g. a larger <c>message.max.bytes</c> so a copy of a record that was too
    /// large for its topic can still land. Not applied to a producer the user shares with the flow.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientOverrides { get; }

    /// <summary>Records are published to a dead-letter topic (and not only handed to the dead-letter actor).</summary>
    public bool Publishes => TopicPattern is not null;

    /// <summary>Reads <c>kafka-actors.dead-letter</c> from the system's configuration, over the reference defaults.</summary>
    public static DeadLetterSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaActorsConfig.Resolve(system).GetConfig(ConfigPath));
    }

    /// <summary>Reads a section shaped like <c>kafka-actors.dead-letter</c>, over the reference defaults.</summary>
    public static DeadLetterSettings Create(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = ConfigReader.ForSection(section, ConfigPath);
        var topic = reader.String("topic").Trim();
        if (topic.Length == 0) throw new KafkaActorsConfigurationException(reader.PathOf("topic"), "empty; name a topic (\"{topic}.DLT\") or write off");
        var overrides = reader.Flattened("kafka-clients");
        ClientProperties.Validate(overrides, reader.PathOf("kafka-clients"));
        return new DeadLetterSettings(topic is "off" or "false" or "no" ? null : topic, overrides);
    }

    /// <summary>Publishes to <paramref name="topicPattern"/> (<c>{topic}</c> is the original topic); null turns publishing off.</summary>
    public DeadLetterSettings WithTopic(string? topicPattern) =>
        topicPattern is null || !string.IsNullOrWhiteSpace(topicPattern)
            ? new DeadLetterSettings(topicPattern, ClientOverrides)
            : throw new ArgumentException("A dead-letter topic must not be empty; pass null to turn publishing off.", nameof(topicPattern));

    /// <summary>Sets one librdkafka property for the dead-letter producer only; an unknown key or invalid value throws naming it.</summary>
    public DeadLetterSettings WithClientProperty(string key, string value)
    {
        var overrides = new Dictionary<string, string>(ClientOverrides) { [key] = value };
        ClientProperties.Validate(overrides, $"{ConfigPath}.kafka-clients");
        return new DeadLetterSettings(TopicPattern, overrides);
    }

    /// <summary>The dead-letter topic for records of <paramref name="topic"/>; null when publishing is off.</summary>
    public string? TopicFor(string topic) => TopicPattern?.Replace(TopicPlaceholder, topic, StringComparison.Ordinal);

    public override string ToString() => $"DeadLetterSettings(topic={TopicPattern ?? "off"})";
}
