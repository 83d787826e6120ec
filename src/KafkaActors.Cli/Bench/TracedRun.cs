using System.Diagnostics;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// Another row's run with an ActivityListener on the KafkaActors source for its duration, recording one record span in
/// <c>sampleEvery</c> (1: all). Spans are created and ended, not exported: this is the in-process cost of tracing.
/// </summary>
internal sealed class TracedRun : IBenchRun
{
    private readonly IBenchRun _inner;
    private readonly ActivityListener _listener;
    private long _decisions;

    public TracedRun(IBenchRun inner, int sampleEvery)
    {
        _inner = inner;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaActorsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                Interlocked.Increment(ref _decisions) % sampleEvery == 0 ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task<DeliveryCount> ExecuteAsync(CancellationToken ct) => _inner.ExecuteAsync(ct);

    public void Dispose()
    {
        _listener.Dispose();
        _inner.Dispose();
    }
}
