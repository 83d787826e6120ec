using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// Keyed records (record i has key i mod <c>keys</c>) through a <see cref="KafkaProducerActor"/> with the
/// given preserve-key-order, at most <see cref="ProducerActorRun.Window"/> unanswered: what per-key order
/// costs. Same client properties as every other row.
/// </summary>
internal sealed class KeyedActorRun : IBenchRun
{
    private readonly BenchEnvironment _environment;
    private readonly KeyOrderMode _mode;
    private readonly ProducerEnvelope<byte[], byte[], int>[] _envelopes;
    private readonly ProducerPipelineSettings<byte[], byte[]> _settings;
    private readonly IProducer<byte[], byte[]> _producer;

    public KeyedActorRun(BenchEnvironment environment, string topic, int messages, int keys, KeyOrderMode mode)
    {
        _environment = environment;
        _mode = mode;
        _settings = ProducerPipelineSettings<byte[], byte[]>.Create(environment.System).WithProperties(environment.Settings.Properties);
        _producer = new ProducerBuilder<byte[], byte[]>(environment.Settings.Properties).Build();
        var keyBytes = Enumerable.Range(0, keys).Select(k => Encoding.UTF8.GetBytes($"key-{k}")).ToArray();
        var payload = environment.Workload.BuildMessages()[0].Value;
        _envelopes = Enumerable.Range(0, messages)
            .Select(i => new ProducerEnvelope<byte[], byte[], int>(topic, new Message<byte[], byte[]> { Key = keyBytes[i % keys], Value = payload }, i))
            .ToArray();
    }

    public Task<DeliveryCount> ExecuteAsync(CancellationToken ct) =>
        ProducerActorRun.DriveAsync(_environment.System,
            ProducerActorSettings<byte[], byte[]>.Create(_environment.System).WithProducer(_settings).WithRetry(r => r.WithPreserveKeyOrder(_mode)),
            _producer, _envelopes, ct);

    public void Dispose() => _producer.Dispose();
}
