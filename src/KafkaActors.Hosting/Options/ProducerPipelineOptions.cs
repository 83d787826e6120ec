using Confluent.Kafka;

namespace KafkaActors.Hosting;

/// <summary><c>kafka-actors.producer</c> as options; only the values that are set count.</summary>
public sealed class ProducerPipelineOptions
{
    /// <summary><c>kafka-clients</c>: librdkafka properties by their dotted names, e.g. <c>linger.ms</c>.</summary>
    public Dictionary<string, string> KafkaClients { get; set; } = new();

    /// <summary><c>max-in-flight</c>.</summary>
    public int? MaxInFlight { get; set; }

    /// <summary><c>ordered</c>.</summary>
    public bool? Ordered { get; set; }

    /// <summary><c>flush-timeout</c>.</summary>
    public TimeSpan? FlushTimeout { get; set; }

    /// <summary><c>use-dispatcher</c>.</summary>
    public string? UseDispatcher { get; set; }

    /// <summary><c>classify</c>: what a failure with this error code means, over the default classification.</summary>
    public Dictionary<ErrorCode, FailureKind> Classify { get; set; } = new();

    internal void Render(HoconSection into, string section)
    {
        into.SetAll($"{section}.kafka-clients", KafkaClients)
            .Set($"{section}.max-in-flight", MaxInFlight)
            .Set($"{section}.ordered", Ordered)
            .Set($"{section}.flush-timeout", FlushTimeout)
            .Set($"{section}.use-dispatcher", UseDispatcher)
            .SetAll($"{section}.classify", Classify?.Select(c => KeyValuePair.Create(c.Key, KindName(c.Value))));
    }

    // The names kafka-actors.conf uses for FailureKind.
    private static string KindName(FailureKind kind) => kind switch
    {
        FailureKind.Retriable => "retriable",
        FailureKind.Permanent => "permanent",
        FailureKind.ProducerFailed => "producer-failed",
        _ => kind.ToString(),
    };
}
