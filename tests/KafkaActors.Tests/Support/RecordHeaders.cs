using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Tests.Support;

public static class RecordHeaders
{
    /// <summary>The last header of that name as a UTF-8 string; throws naming it when missing.</summary>
    public static string Header<TKey, TValue>(this ConsumeResult<TKey, TValue> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new KeyNotFoundException($"header {name} is missing");
}
