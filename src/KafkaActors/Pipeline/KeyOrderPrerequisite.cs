namespace KafkaActors;

/// <summary>
/// preserve-key-order = on lets a key's records be in flight together and relies on the client to keep
/// them in order within their partition through its own retries: librdkafka does that only with
/// idempotence, or with one request in flight per broker connection. Checked when the producer starts.
/// </summary>
internal static class KeyOrderPrerequisite
{
    private const string Idempotence = "enable.idempotence";
    private const string MaxInFlight = "max.in.flight.requests.per.connection";

    public static void Check<TKey, TValue>(ProducerActorSettings<TKey, TValue> settings)
    {
        if (settings.Retry.PreserveKeyOrder != KeyOrderMode.On) return;
        var properties = settings.Producer.Properties;
        if (IsTrue(properties.GetValueOrDefault(Idempotence))
            || (properties.GetValueOrDefault(MaxInFlight) ?? properties.GetValueOrDefault("max.in.flight")) == "1")
            return;
        var clients = $"{ProducerPipelineSettings<TKey, TValue>.ConfigPath}.kafka-clients";
        throw new KafkaActorsConfigurationException($"{RetrySettings.ConfigPath}.preserve-key-order",
            $"= on needs {clients}.{Idempotence} = true or {clients}.{MaxInFlight} = 1 (the client must keep a partition's records " +
            $"in order through its own retries); set one of them, or preserve-key-order = strict or off");
    }

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
