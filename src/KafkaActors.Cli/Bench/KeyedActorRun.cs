using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// Keyed records (record i has key i mod <c>keys</c>) through a <see cref="KafkaProducerActor"/> with the
/// given preserve-key-order, at most <see cref="ProducerActorRun.Window"/> unanswered: what per-key order
/// costs. Same client properties as every other row.
/// </summary>
internal static class KeyedActorRun
{
    public static IBenchRun Prepare(BenchEnvironment environment, string topic, int messages, int keys, KeyOrderMode mode)
    {
        var settings = ProducerPipelineSettings<byte[], byte[]>.Create(environment.System).WithProperties(environment.Settings.Properties);
        var keyBytes = Enumerable.Range(0, keys).Select(k => Encoding.UTF8.GetBytes($"key-{k}")).ToArray();
        var payload = environment.Workload.BuildMessages()[0].Value;
        var envelopes = Enumerable.Range(0, messages)
            .Select(i => new ProducerEnvelope<byte[], byte[], int>(topic, new Message<byte[], byte[]> { Key = keyBytes[i % keys], Value = payload }, i))
            .ToArray();
        return new ActorRun<byte[], byte[]>(environment.System,
            ProducerActorSettings<byte[], byte[]>.Create(environment.System).WithProducer(settings).WithRetry(r => r.WithPreserveKeyOrder(mode)),
            envelopes);
    }
}
