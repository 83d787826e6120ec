using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// Serializes keys and values at the submitter with the user's Confluent serializers, so only bytes
/// cross the wire and producer nodes never need the user's types. Without a serializer, Confluent's
/// default for the type is used (string, byte[], int, long, float, double, Null), as ProducerBuilder does.
/// </summary>
internal sealed class RecordEncoder<TKey, TValue>
{
    private readonly ISerializer<TKey> _key;
    private readonly ISerializer<TValue> _value;

    public RecordEncoder(ISerializer<TKey>? key, ISerializer<TValue>? value)
    {
        _key = key ?? DefaultFor<TKey>("key");
        _value = value ?? DefaultFor<TValue>("value");
    }

    /// <summary>Throws <see cref="ProduceException{TKey,TValue}"/> with Local_KeySerialization / Local_ValueSerialization, as Confluent does.</summary>
    public (byte[]? Key, byte[]? Value) Encode(string topic, Message<TKey, TValue> message)
    {
        byte[]? key, value;
        try
        {
            key = _key.Serialize(message.Key, new SerializationContext(MessageComponentType.Key, topic, message.Headers));
        }
        catch (Exception e)
        {
            throw new ProduceException<TKey, TValue>(new Error(ErrorCode.Local_KeySerialization, e.Message), new DeliveryResult<TKey, TValue> { Message = message, Topic = topic }, e);
        }
        try
        {
            value = _value.Serialize(message.Value, new SerializationContext(MessageComponentType.Value, topic, message.Headers));
        }
        catch (Exception e)
        {
            throw new ProduceException<TKey, TValue>(new Error(ErrorCode.Local_ValueSerialization, e.Message), new DeliveryResult<TKey, TValue> { Message = message, Topic = topic }, e);
        }
        return (key, value);
    }

    private static ISerializer<T> DefaultFor<T>(string what) => (typeof(T) switch
    {
        var t when t == typeof(string) => Serializers.Utf8,
        var t when t == typeof(byte[]) => Serializers.ByteArray,
        var t when t == typeof(int) => Serializers.Int32,
        var t when t == typeof(long) => Serializers.Int64,
        var t when t == typeof(float) => Serializers.Single,
        var t when t == typeof(double) => Serializers.Double,
        var t when t == typeof(Null) => Serializers.Null,
        _ => (object?)null,
    }) as ISerializer<T> ?? throw new ArgumentException(
        $"No default Confluent serializer for {what} type {typeof(T).Name}: pass an ISerializer<{typeof(T).Name}> (for async ones, e.g. Schema Registry, use .AsSyncOverAsync()).");

    /// <summary>The message's headers as they cross the wire.</summary>
    public static IReadOnlyList<WireHeader> WireHeaders(Headers? headers)
    {
        if (headers is null || headers.Count == 0) return Array.Empty<WireHeader>();
        var wire = new WireHeader[headers.Count];
        for (var i = 0; i < wire.Length; i++) wire[i] = new WireHeader(headers[i].Key, headers[i].GetValueBytes());
        return wire;
    }
}
