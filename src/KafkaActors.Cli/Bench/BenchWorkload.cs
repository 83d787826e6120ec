using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>What every benchmark row produces: the same number of records of the same size.</summary>
internal sealed record BenchWorkload(int Messages, int MessageSize)
{
    /// <summary>
    /// Partitions of each run's fresh topic. The embedded broker keeps only ~5 MiB per partition and
    /// drops older data silently: harmless for a produce-only benchmark, and spread over several partitions.
    /// </summary>
    public const int Partitions = 4;

    /// <summary>Records built before a run starts, so that the measured part only produces them.</summary>
    public Message<Null, byte[]>[] BuildMessages()
    {
        var payload = new byte[MessageSize];
        for (var i = 0; i < payload.Length; i++) payload[i] = (byte)('a' + i % 26);
        var messages = new Message<Null, byte[]>[Messages];
        for (var i = 0; i < messages.Length; i++) messages[i] = new Message<Null, byte[]> { Value = payload };
        return messages;
    }

    /// <summary>The records of <see cref="BuildMessages"/> as envelopes to <paramref name="topic"/>, each with its number as context.</summary>
    public ProducerEnvelope<Null, byte[], int>[] BuildEnvelopes(string topic) =>
        BuildMessages().Select((message, i) => new ProducerEnvelope<Null, byte[], int>(topic, message, i)).ToArray();
}
