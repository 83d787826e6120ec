using Confluent.Kafka;

namespace KafkaActors.Durability;

/// <summary>
/// A record as the journal keeps it: enough to send it again after a crash, with the same record id
/// (its <c>kafka-actors.record-id</c> header is among <see cref="Headers"/>) and the caller's context as bytes.
/// </summary>
internal sealed record DurableRecord(Guid Id, string Topic, int Partition, byte[]? Key, byte[] Value,
    IReadOnlyList<(string Key, byte[]? Value)> Headers, Timestamp Timestamp, byte[]? Context)
{
    public static DurableRecord From<TContext>(Guid id, ProducerEnvelope<byte[]?, byte[], TContext> envelope, byte[]? context)
    {
        var message = envelope.Message;
        var headers = message.Headers is null ? [] : message.Headers.Select(h => (h.Key, (byte[]?)h.GetValueBytes())).ToList();
        return new DurableRecord(id, envelope.Topic, envelope.Partition.Value, message.Key, message.Value, headers, message.Timestamp, context);
    }

    public ProducerEnvelope<byte[]?, byte[], TContext> ToEnvelope<TContext>(TContext context)
    {
        var headers = new Headers();
        foreach (var (key, value) in Headers) headers.Add(key, value);
        var message = new Message<byte[]?, byte[]> { Key = Key, Value = Value, Headers = headers, Timestamp = Timestamp };
        return new ProducerEnvelope<byte[]?, byte[], TContext>(Topic, new Partition(Partition), message, context);
    }
}
