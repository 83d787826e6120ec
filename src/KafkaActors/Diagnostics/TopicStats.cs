using System.Collections.Concurrent;

namespace KafkaActors;

/// <summary>
/// One pipeline's live counts for one topic, behind the in-flight and pending-retries gauges. Written
/// with Interlocked by the stream and the retry supervisor, read by the metrics collector.
/// </summary>
internal sealed class TopicStats
{
    public TopicStats(string topic)
    {
        Topic = topic;
        Tag = new KeyValuePair<string, object?>(KafkaActorsMetrics.TopicTag, topic);
        DestinationTag = new KeyValuePair<string, object?>(MessagingAttributes.DestinationName, topic);
        SpanName = "send " + topic;
    }

    public string Topic { get; }

    /// <summary>The topic tag, built once so recording a measurement allocates nothing.</summary>
    public KeyValuePair<string, object?> Tag { get; }

    /// <summary>The semantic conventions' destination tag, built once like <see cref="Tag"/>.</summary>
    public KeyValuePair<string, object?> DestinationTag { get; }

    /// <summary>The name of every record span for this topic.</summary>
    public string SpanName { get; }

    /// <summary>Written by the producer actor's send gate only (its table is the actor's own); read by gauges with Volatile.Read.</summary>
    public int InFlight;
    public int PendingRetries;
}

/// <summary>The <see cref="TopicStats"/> of one pipeline, by topic.</summary>
internal sealed class TopicStatsTable
{
    private readonly ConcurrentDictionary<string, TopicStats> _byTopic = new(StringComparer.Ordinal);

    // Most producers write to one topic: the last one asked for answers without hashing the name.
    private TopicStats? _last;

    public TopicStats For(string topic)
    {
        if (_last is { } last && string.Equals(last.Topic, topic, StringComparison.Ordinal)) return last;
        var stats = _byTopic.TryGetValue(topic, out var known) ? known : _byTopic.GetOrAdd(topic, static t => new TopicStats(t));
        _last = stats;
        return stats;
    }

    public IEnumerable<TopicStats> All => _byTopic.Values;
}
