using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// A record's span and its semantic-convention metrics, from acceptance to its terminal outcome. Called by
/// whoever holds the record at the time (producer actor, retry supervisor, dead-letter publisher): one at a time,
/// hand-overs are messages, so the span needs no lock. With no listener on the source nothing is allocated.
/// </summary>
internal static class RecordTelemetry
{
    private static readonly KeyValuePair<string, object?> SystemTag = new(MessagingAttributes.System, MessagingAttributes.Kafka);
    private static readonly KeyValuePair<string, object?> OperationTag = new(MessagingAttributes.OperationName, MessagingAttributes.Send);

    /// <summary>Opens the record's span (when anyone listens) and puts the trace context into its headers.</summary>
    public static Activity? Start<TKey, TValue, TContext>(ProducerEnvelope<TKey, TValue, TContext> envelope, TopicStats stats)
    {
        // Nobody listens and the caller has no trace (the common untraced case): no header to read, none to write.
        if (!KafkaActorsTracing.Source.HasListeners() && !envelope.InTrace) return null;
        var carried = TraceHeaders.Carries(envelope.Message.Headers);
        var span = KafkaActorsTracing.Source.HasListeners() ? StartSpan(envelope, stats, carried) : null;
        if (carried) return span;
        if (span is not null) TraceHeaders.Inject(span, envelope.Message);
        else RecordTraceContext.Carry(envelope); // nobody listens here: the caller's context still travels on
        return span;
    }

    private static Activity? StartSpan<TKey, TValue, TContext>(ProducerEnvelope<TKey, TValue, TContext> envelope, TopicStats stats, bool carried)
    {
        var previous = Activity.Current;
        try
        {
            // Parented by context: the caller's activity may have stopped already, and a stopped one cannot be made current.
            var parent = envelope.TraceParent;
            if (parent == default && carried) parent = TraceHeaders.Extract(envelope.Message.Headers);
            Activity.Current = null;
            var span = KafkaActorsTracing.Source.StartActivity(stats.SpanName, ActivityKind.Producer, parent);
            if (span is null) return null;
            if (envelope.Caller is { } caller && caller.Context == envelope.TraceParent) CopyBaggage(caller.Baggage, span);
            else if (carried) CopyBaggage(TraceHeaders.ExtractBaggage(envelope.Message.Headers), span);
            if (span.IsAllDataRequested) Describe(span, envelope, stats);
            return span;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    // Baggage lists the newest item first and AddBaggage puts each in front: adding from the end keeps the order.
    private static void CopyBaggage(IEnumerable<KeyValuePair<string, string?>>? baggage, Activity span)
    {
        if (baggage is null) return;
        foreach (var (key, value) in baggage.Reverse()) span.AddBaggage(key, value);
    }

    private static void Describe<TKey, TValue, TContext>(Activity span, ProducerEnvelope<TKey, TValue, TContext> envelope, TopicStats stats)
    {
        DescribeSend(span, stats.Topic);
        if (envelope.Partition != Partition.Any) span.SetTag(MessagingAttributes.PartitionId, PartitionId(envelope.Partition));
        if (KeyText(envelope.Message.Key) is { } key) span.SetTag(MessagingAttributes.MessageKey, key);
        if (envelope.Message.Headers?.TryGetLastBytes(MessagingAttributes.RecordIdHeader, out var id) == true && id is not null)
            span.SetTag(MessagingAttributes.MessageId, System.Text.Encoding.UTF8.GetString(id));
    }

    private static void DescribeSend(Activity span, string topic)
    {
        span.SetTag(MessagingAttributes.System, MessagingAttributes.Kafka);
        span.SetTag(MessagingAttributes.DestinationName, topic);
        span.SetTag(MessagingAttributes.OperationName, MessagingAttributes.Send);
        span.SetTag(MessagingAttributes.OperationType, MessagingAttributes.Send);
    }

    /// <summary>A send attempt failed: an event on the span, and a sent message with its error type.</summary>
    public static void AttemptFailed<TKey, TValue, TContext>(Activity? span, TopicStats stats, DeliveryOutcome<TKey, TValue, TContext>.Failed failed)
    {
        var errorType = failed.Error.Code.ToString();
        KafkaActorsMetrics.SentMessagesCounter.Add(1, Tags(stats, errorType));
        span?.AddEvent(new ActivityEvent(KafkaActorsTracing.AttemptFailedEvent, tags: new ActivityTagsCollection
        {
            [MessagingAttributes.Attempt] = failed.Attempt,
            [MessagingAttributes.ErrorType] = errorType,
            [MessagingAttributes.ErrorReason] = failed.Error.Reason,
        }));
    }

    public static void Delivered<TKey, TValue, TContext>(Activity? span, TopicStats stats, long acceptedAt, Produced<TKey, TValue, TContext> produced)
    {
        if (KafkaActorsMetrics.SentMessagesCounter.Enabled) KafkaActorsMetrics.SentMessagesCounter.Add(1, SystemTag, OperationTag, stats.DestinationTag);
        if (acceptedAt != 0 && KafkaActorsMetrics.OperationDurationHistogram.Enabled)
            KafkaActorsMetrics.OperationDurationHistogram.Record(Stopwatch.GetElapsedTime(acceptedAt).TotalSeconds, SystemTag, OperationTag, stats.DestinationTag);
        if (span is null) return;
        if (span.IsAllDataRequested)
        {
            span.SetTag(MessagingAttributes.PartitionId, PartitionId(produced.Partition));
            span.SetTag(MessagingAttributes.Offset, produced.Offset.Value);
            span.SetTag(MessagingAttributes.Attempts, produced.Attempts);
        }
        span.Stop();
    }

    public static void DeadLettered<TKey, TValue, TContext>(Activity? span, TopicStats stats, long acceptedAt, DeadLettered<TKey, TValue, TContext> deadLettered)
    {
        var errorType = deadLettered.LastError?.Code.ToString() ?? deadLettered.Cause.ToString();
        if (acceptedAt != 0 && KafkaActorsMetrics.OperationDurationHistogram.Enabled)
            KafkaActorsMetrics.OperationDurationHistogram.Record(Stopwatch.GetElapsedTime(acceptedAt).TotalSeconds, Tags(stats, errorType));
        if (span is null) return;
        span.SetTag(MessagingAttributes.ErrorType, errorType);
        span.SetTag(MessagingAttributes.DeadLetterCause, deadLettered.Cause.ToString());
        span.SetTag(MessagingAttributes.Attempts, deadLettered.Attempts);
        span.SetStatus(ActivityStatusCode.Error, $"dead-lettered ({deadLettered.Cause}){(deadLettered.LastError is { } e ? $": {e}" : "")}");
        span.Stop();
    }

    /// <summary>The record was turned away after all (intake full): its span ends there.</summary>
    public static void Rejected(Activity? span, string reason)
    {
        if (span is null) return;
        span.SetTag(MessagingAttributes.ErrorType, "rejected");
        span.SetStatus(ActivityStatusCode.Error, reason);
        span.Stop();
    }

    /// <summary>A child of the record's span for one publish of its dead-letter copy; null when the record has no span.</summary>
    public static Activity? StartDeadLetterPublish(Activity? recordSpan, string deadLetterTopic)
    {
        if (recordSpan is null) return null;
        var previous = Activity.Current;
        try
        {
            Activity.Current = null;
            var span = KafkaActorsTracing.Source.StartActivity("send " + deadLetterTopic, ActivityKind.Producer, recordSpan.Context);
            if (span is not null) DescribeSend(span, deadLetterTopic);
            return span;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    public static void DeadLetterPublished(Activity? span, TopicPartitionOffset? copyAt, DeliveryError? error)
    {
        if (span is null) return;
        if (copyAt is not null)
        {
            span.SetTag(MessagingAttributes.PartitionId, PartitionId(copyAt.Partition));
            span.SetTag(MessagingAttributes.Offset, copyAt.Offset.Value);
        }
        if (error is not null)
        {
            span.SetTag(MessagingAttributes.ErrorType, error.Code.ToString());
            span.SetStatus(ActivityStatusCode.Error, error.ToString());
        }
        span.Stop();
    }

    private static TagList Tags(TopicStats stats, string errorType) =>
        new() { SystemTag, OperationTag, stats.DestinationTag, new(MessagingAttributes.ErrorType, errorType) };

    private static string PartitionId(Partition partition) => partition.Value.ToString(CultureInfo.InvariantCulture);

    private static string? KeyText<TKey>(TKey key) => key switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
