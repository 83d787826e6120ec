using System.Collections.Concurrent;
using System.Diagnostics;

namespace KafkaActors.Tests.Support;

/// <summary>
/// A plain ActivityListener on the KafkaActors source that keeps the finished spans of one test's topics
/// (listeners are process-wide and tests run side by side), sampling everything.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanRecorder(params string[] topics)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaActorsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.GetTagItem("messaging.destination.name") is string topic && topics.Any(t => topic.StartsWith(t, StringComparison.Ordinal)))
                    _spans.Enqueue(span);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Spans => _spans.ToList();

    /// <summary>The finished record spans (<c>send {topic}</c>) of <paramref name="topic"/>.</summary>
    public IReadOnlyList<Activity> Sends(string topic) => Spans.Where(s => s.OperationName == "send " + topic).ToList();

    public void Dispose() => _listener.Dispose();
}
