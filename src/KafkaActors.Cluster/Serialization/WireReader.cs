using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Cluster.Serialization;

/// <summary>Reads what <see cref="WireWriter"/> wrote; a short or malformed payload throws <see cref="SerializationException"/>.</summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public WireReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    public bool AtEnd => _position == _bytes.Length;

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() != 0;

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Guid Guid() => new(Take(16));

    public byte[]? Bytes()
    {
        var length = Length();
        return length < 0 ? null : Take(length).ToArray();
    }

    public string? NullableString()
    {
        var length = Length();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public string String() => NullableString() ?? throw new SerializationException("A required string was null in a KafkaActors cluster message.");

    public Timestamp Timestamp()
    {
        var type = (TimestampType)Byte();
        return new Timestamp(Int64(), type);
    }

    public DateTimeOffset Instant() => new(Int64(), TimeSpan.Zero);

    public TopicPartitionOffset? TopicPartitionOffset() =>
        Bool() ? new TopicPartitionOffset(String(), new Partition(Int32()), new Offset(Int64())) : null;

    private int Length()
    {
        var length = Int32();
        if (length < -1 || length > _bytes.Length - _position)
            throw new SerializationException($"A KafkaActors cluster message announces {length} bytes where {_bytes.Length - _position} remain.");
        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bytes.Length - _position)
            throw new SerializationException($"A KafkaActors cluster message ended early: needed {count} more bytes at offset {_position} of {_bytes.Length}.");
        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }
}
