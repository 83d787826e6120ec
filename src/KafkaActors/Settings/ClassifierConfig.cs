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
            var code = CheckCodeName(name, key.Split('.'), locate: null);
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

    /// <summary>The error code a classify key names; throws naming the key and the closest code name.</summary>
    public static ErrorCode CheckCodeName(string name, IReadOnlyList<string> path, Func<IReadOnlyList<string>, ConfigLocation?>? locate) =>
        ParseCode(name.Trim('"')) ?? throw new KafkaActorsConfigurationException(string.Join('.', path),
            "not a Confluent.Kafka ErrorCode name or number (e.g. RequestTimedOut, Local_MsgTimedOut, 7, \"-192\")" +
            DidYouMean.Hint(name.Trim('"'), CodeNames, n => n), locate?.Invoke(path));

    // ~150 names: too many to list, so only the closest one is ever named.
    private static readonly string[] CodeNames = Enum.GetNames<ErrorCode>();

    private static ErrorCode? ParseCode(string name) =>
        Enum.TryParse<ErrorCode>(name, ignoreCase: true, out var code) && Enum.IsDefined(code) ? code : null;
}
