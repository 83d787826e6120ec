using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The serializer Confluent's producer uses for a type when none is set (its own table, which it keeps private): the records
/// <see cref="NativeProducer{TKey,TValue}"/> sends are serialized as the same producer would have serialized them.
/// </summary>
internal static class DefaultSerializers
{
    private static readonly Dictionary<Type, object> ByType = new()
    {
        [typeof(Null)] = Serializers.Null,
        [typeof(int)] = Serializers.Int32,
        [typeof(long)] = Serializers.Int64,
        [typeof(string)] = Serializers.Utf8,
        [typeof(float)] = Serializers.Single,
        [typeof(double)] = Serializers.Double,
        [typeof(byte[])] = Serializers.ByteArray,
    };

    /// <summary>Whether <paramref name="serializer"/> is one of Confluent's defaults (none of which touches the headers).</summary>
    public static bool IsDefault<T>(ISerializer<T> serializer) =>
        ByType.TryGetValue(typeof(T), out var known) && ReferenceEquals(known, serializer);

    /// <summary>Confluent's default for <typeparamref name="T"/>; throws for a type it has none for (its builder refuses those too).</summary>
    public static ISerializer<T> For<T>() =>
        ByType.TryGetValue(typeof(T), out var serializer)
            ? (ISerializer<T>)serializer
            : throw new InvalidOperationException($"No serializer given and Confluent.Kafka has no default for {typeof(T).Name}.");
}
