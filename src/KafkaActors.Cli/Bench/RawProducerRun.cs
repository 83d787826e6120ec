using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The baseline: Confluent's own <c>Produce(topic, message, handler)</c> in a loop, then <c>Flush</c>. With a window, at most
/// that many records are unanswered at once (a semaphore taken before each record, released by its report): raw held to
/// the window the flow and the actor run with, so a gap between them and raw can be told apart from the window's cost.
/// </summary>
internal sealed class RawProducerRun : IBenchRun
{
    private readonly string _topic;
    private readonly Message<Null, byte[]>[] _messages;
    private readonly IProducer<Null, byte[]> _producer;
    private readonly Action<DeliveryReport<Null, byte[]>> _handler;
    private readonly TaskCompletionSource _allReported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim? _window;
    private long _delivered;
    private long _reported;

    /// <param name="window">Records unanswered at most; null: as many as librdkafka's queue takes.</param>
    public RawProducerRun(BenchEnvironment environment, string topic, int? window = null)
    {
        _topic = topic;
        _window = window is { } size ? new SemaphoreSlim(size, size) : null;
        _messages = environment.Workload.BuildMessages();
        _producer = environment.BuildProducer();
        _handler = OnDeliveryReport; // one delegate for all records, as a careful user would write it
    }

    public async Task<DeliveryCount> ExecuteAsync(CancellationToken ct)
    {
        await Task.Factory.StartNew(ProduceAll, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await _allReported.Task.WaitAsync(ct);
        var delivered = Interlocked.Read(ref _delivered);
        return new DeliveryCount(delivered, Interlocked.Read(ref _reported) - delivered);
    }

    private void ProduceAll()
    {
        foreach (var message in _messages)
        {
            _window?.Wait();
            RawProduce.Send(_producer, _topic, message, _handler);
        }
        _producer.Flush(CancellationToken.None);
    }

    // librdkafka's poll thread, and the flushing thread during Flush.
    private void OnDeliveryReport(DeliveryReport<Null, byte[]> report)
    {
        _window?.Release();
        if (!report.Error.IsError) Interlocked.Increment(ref _delivered);
        if (Interlocked.Increment(ref _reported) == _messages.Length) _allReported.TrySetResult();
    }

    public void Dispose()
    {
        _producer.Dispose();
        _window?.Dispose();
    }
}
