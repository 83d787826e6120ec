using System.Diagnostics.Metrics;

namespace KafkaActors.Durability;

/// <summary>The durable producer's instruments (meter <c>KafkaActors.Durability</c>).</summary>
internal static class DurableMetrics
{
    public const string MeterName = "KafkaActors.Durability";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>What durability adds per record: from its arrival to its acceptance (in the journal).</summary>
    public static readonly Histogram<double> AcceptDuration = Meter.CreateHistogram<double>(
        "kafka_actors.durability.accept.duration", "ms", "Time from a record's arrival until it is in the journal");
}
