using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Cluster.Serialization;

/// <summary>
/// Appends fixed-width little-endian fields to a buffer. Strings and byte arrays are length-prefixed
/// (int32), with -1 standing for null, so a reader never has to guess.
/// </summary>
internal sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public WireWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public WireWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public WireWriter Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public WireWriter Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public WireWriter Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public WireWriter Guid(Guid value)
    {
        value.TryWriteBytes(_buffer.GetSpan(16));
        _buffer.Advance(16);
        return this;
    }

    public WireWriter Bytes(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull) return Int32(-1);
        Int32(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
        return this;
    }

    public WireWriter Bytes(byte[]? value) => Bytes(value, value is null);

    public WireWriter String(string? value)
    {
        if (value is null) return Int32(-1);
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
        return this;
    }

    public WireWriter Timestamp(Timestamp value) => Byte((byte)value.Type).Int64(value.UnixTimestampMs);

    public WireWriter Instant(DateTimeOffset value) => Int64(value.UtcTicks);

    public WireWriter TopicPartitionOffset(TopicPartitionOffset? value)
    {
        Bool(value is not null);
        return value is null ? this : String(value.Topic).Int32(value.Partition.Value).Int64(value.Offset.Value);
    }
}
