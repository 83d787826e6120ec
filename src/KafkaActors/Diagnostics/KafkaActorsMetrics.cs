using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KafkaActors;

/// <summary>
/// The <c>KafkaActors</c> meter (System.Diagnostics.Metrics): OpenTelemetry picks it up with
/// <c>AddMeter(KafkaActorsMetrics.MeterName)</c>. Every instrument is tagged with the record's topic.
/// </summary>
public static class KafkaActorsMetrics
{
    public const string MeterName = "KafkaActors";

    public const string TopicTag = "topic";
    /// <summary>On <see cref="Failed"/>: the <see cref="FailureKind"/>, lower case.</summary>
    public const string KindTag = "kind";
    /// <summary>On <see cref="DeadLettered"/>: the <see cref="DeadLetterCause"/>, lower case.</summary>
    public const string CauseTag = "cause";

    /// <summary>Counter: records the producer actor accepted.</summary>
    public const string Accepted = "kafka_actors.accepted";
    /// <summary>Counter: records delivered to their topic (terminal).</summary>
    public const string Delivered = "kafka_actors.delivered";
    /// <summary>Counter: failed send attempts, by kind.</summary>
    public const string Failed = "kafka_actors.failed";
    /// <summary>Counter: re-sends after a backoff.</summary>
    public const string Retried = "kafka_actors.retried";
    /// <summary>Counter: records dead-lettered (terminal), by cause.</summary>
    public const string DeadLettered = "kafka_actors.dead_lettered";
    /// <summary>Counter: dead letters whose copy could not be published to the dead-letter topic.</summary>
    public const string DeadLetterPublishFailed = "kafka_actors.dead_letter_publish_failed";
    /// <summary>Counter: Produce commands answered with ProduceRejected.</summary>
    public const string Rejected = "kafka_actors.rejected";
    /// <summary>
    /// Counter: with preserve-key-order = on, records that landed after a later record of their key (it was
    /// already in flight when they failed). Always 0 with strict.
    /// </summary>
    public const string KeyOrderViolations = "kafka_actors.key_order_violations";
    /// <summary>Histogram: milliseconds from acceptance to delivery, retries included.</summary>
    public const string DeliveryLatency = "kafka_actors.delivery_latency";
    /// <summary>Gauge: records handed to the Kafka producer whose delivery report has not come back.</summary>
    public const string InFlight = "kafka_actors.in_flight";
    /// <summary>Gauge: failed records waiting for their retry.</summary>
    public const string PendingRetries = "kafka_actors.pending_retries";

    /// <summary>
    /// Histogram (OpenTelemetry messaging semantic conventions): seconds from acceptance to the terminal outcome, retries
    /// included; tagged <c>messaging.system</c>, <c>messaging.operation.name</c>, <c>messaging.destination.name</c>, and
    /// <c>error.type</c> for dead letters.
    /// </summary>
    public const string MessagingOperationDuration = "messaging.client.operation.duration";
    /// <summary>Counter (semantic conventions): send attempts, with <c>error.type</c> on the failed ones.</summary>
    public const string MessagingSentMessages = "messaging.client.sent.messages";

    private static readonly Meter Meter = new(MeterName, typeof(KafkaActorsMetrics).Assembly.GetName().Version?.ToString());
    private static readonly ConcurrentDictionary<TopicStatsTable, byte> LiveTables = new();

    internal static readonly Counter<long> AcceptedCounter = Meter.CreateCounter<long>(Accepted, "{record}", "Records the producer actor accepted");
    internal static readonly Counter<long> DeliveredCounter = Meter.CreateCounter<long>(Delivered, "{record}", "Records delivered to their topic");
    internal static readonly Counter<long> FailedCounter = Meter.CreateCounter<long>(Failed, "{attempt}", "Failed send attempts, by kind");
    internal static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>(Retried, "{attempt}", "Re-sends after a backoff");
    internal static readonly Counter<long> DeadLetteredCounter = Meter.CreateCounter<long>(DeadLettered, "{record}", "Records dead-lettered, by cause");
    internal static readonly Counter<long> DeadLetterPublishFailedCounter = Meter.CreateCounter<long>(DeadLetterPublishFailed, "{record}", "Dead letters not published to the dead-letter topic");
    internal static readonly Counter<long> RejectedCounter = Meter.CreateCounter<long>(Rejected, "{record}", "Produce commands rejected");
    internal static readonly Counter<long> KeyOrderViolationsCounter = Meter.CreateCounter<long>(KeyOrderViolations, "{record}", "Records that landed after a later record of their key");
    internal static readonly Histogram<double> DeliveryLatencyHistogram = Meter.CreateHistogram<double>(DeliveryLatency, "ms", "Acceptance to delivery, retries included");

    internal static readonly Histogram<double> OperationDurationHistogram = Meter.CreateHistogram<double>(MessagingOperationDuration, "s",
        "Acceptance to terminal outcome, retries included", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
        });

    internal static readonly Counter<long> SentMessagesCounter = Meter.CreateCounter<long>(MessagingSentMessages, "{message}", "Send attempts");

    /// <summary>A latency instrument is listened to: records need their acceptance time.</summary>
    internal static bool MeasuresLatency => DeliveryLatencyHistogram.Enabled || OperationDurationHistogram.Enabled;

    static KafkaActorsMetrics()
    {
        Meter.CreateObservableGauge(InFlight, () => Observe(static s => Volatile.Read(ref s.InFlight)), "{record}", "Records awaiting their delivery report");
        Meter.CreateObservableGauge(PendingRetries, () => Observe(static s => s.PendingRetries), "{record}", "Failed records waiting for their retry");
    }

    private static readonly KeyValuePair<string, object?>[] KindTags =
        Enum.GetValues<FailureKind>().Select(k => new KeyValuePair<string, object?>(KindTag, k.ToString().ToLowerInvariant())).ToArray();

    private static readonly KeyValuePair<string, object?>[] CauseTags =
        Enum.GetValues<DeadLetterCause>().Select(r => new KeyValuePair<string, object?>(CauseTag, r.ToString().ToLowerInvariant())).ToArray();

    internal static void RecordFailed(TopicStats topic, FailureKind kind) => FailedCounter.Add(1, topic.Tag, KindTags[(int)kind]);

    internal static void RecordDeadLettered(TopicStats topic, DeadLetterCause cause) => DeadLetteredCounter.Add(1, topic.Tag, CauseTags[(int)cause]);

    /// <summary>Makes a pipeline's gauges visible until <see cref="Unregister"/>.</summary>
    internal static void Register(TopicStatsTable table) => LiveTables.TryAdd(table, 0);

    internal static void Unregister(TopicStatsTable table) => LiveTables.TryRemove(table, out _);

    // Several pipelines may serve one topic: one measurement per topic, summed.
    private static IEnumerable<Measurement<int>> Observe(Func<TopicStats, int> read) =>
        LiveTables.Keys.SelectMany(t => t.All)
            .GroupBy(s => s.Topic, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Sum(read), g.First().Tag))
            .ToList();
}
