using System.Diagnostics;

namespace KafkaActors;

/// <summary>
/// The <c>KafkaActors</c> activity source: OpenTelemetry picks it up with <c>AddSource(KafkaActorsTracing.SourceName)</c>.
/// The producer actor opens one span per record, <c>send {topic}</c> (kind Producer, messaging semantic conventions
/// 1.44), from acceptance to its terminal outcome: each failed attempt is an event on it, and the dead-letter copy's
/// publish a child span. Its parent is <see cref="ProducerEnvelope{TKey,TValue,TContext}.TraceParent"/>, else the
/// record's own <c>traceparent</c> header; the span's context goes into the record's headers unless the caller set them.
/// </summary>
public static class KafkaActorsTracing
{
    public const string SourceName = "KafkaActors";

    /// <summary>Event on the record's span for each failed send attempt, with its error.</summary>
    public const string AttemptFailedEvent = "send attempt failed";

    internal static readonly ActivitySource Source = new(SourceName, typeof(KafkaActorsTracing).Assembly.GetName().Version?.ToString());
}
