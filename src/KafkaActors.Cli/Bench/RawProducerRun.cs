using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>The baseline: Confluent's own <c>Produce(topic, message, handler)</c> in a loop, then <c>Flush</c>.</summary>
internal sealed class RawProducerRun : IBenchRun
{
    private readonly string _topic;
    private readonly Message<Null, byte[]>[] _messages;
    private readonly IProducer<Null, byte[]> _producer;
    private readonly Action<DeliveryReport<Null, byte[]>> _handler;
    private readonly TaskCompletionSource _allReported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;
    private long _reported;

    public RawProducerRun(BenchEnvironment environment, string topic)
    {
        _topic = topic;
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
        foreach (var message in _messages) RawProduce.Send(_producer, _topic, message, _handler);
        _producer.Flush(CancellationToken.None);
    }

    // librdkafka's poll thread, and the flushing thread during Flush.
    private void OnDeliveryReport(DeliveryReport<Null, byte[]> report)
    {
        if (!report.Error.IsError) Interlocked.Increment(ref _delivered);
        if (Interlocked.Increment(ref _reported) == _messages.Length) _allReported.TrySetResult();
    }

    public void Dispose() => _producer.Dispose();
}
