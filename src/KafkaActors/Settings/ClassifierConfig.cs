using Confluent.Kafka;

namespace KafkaActors;

/// <summary>Reads per-code classification overrides from the producer section's <c>classify</c>.</summary>
internal static class ClassifierConfig
{
    /// <summary>The default classifier with the configured overrides applied; throws naming a bad code or kind.</summary>
    public static DeliveryErrorClassifier Read(ConfigReader section)
    {
        var classifier = DeliveryErrorClassifier.Default;
        foreach (var (name, value) in section.Flattened("classify"))
        {
            var key = section.PathOf($"classify.{name}");
            var code = ParseCode(name.Trim('"')) ?? throw new KafkaActorsConfigurationException(key,
                "not a Confluent.Kafka ErrorCode name or number (e.g. RequestTimedOut, Local_MsgTimedOut, 7, \"-192\")");
            var kind = value.Trim().ToLowerInvariant() switch
            {
                "retriable" => FailureKind.Retriable,
                "permanent" => FailureKind.Permanent,
                "producer-failed" => FailureKind.ProducerFailed,
                _ => throw new KafkaActorsConfigurationException(key, $"expected retriable, permanent or producer-failed, got '{value}'"),
            };
            classifier = classifier.WithOverride(code, kind);
        }
        return classifier;
    }

    private static ErrorCode? ParseCode(string name) =>
        Enum.TryParse<ErrorCode>(name, ignoreCase: true, out var code) && Enum.IsDefined(code) ? code : null;
}
