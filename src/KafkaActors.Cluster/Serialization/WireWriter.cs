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
    // A buffer kept above this is let go: one odd large message should not pin its size per thread.
    private const int KeptCapacity = 256 * 1024;

    // One per thread, reused: growing a fresh buffer for every frame allocated about twice the frame again.
    [ThreadStatic]
    private static WireWriter? _cached;

    private readonly ArrayBufferWriter<byte> _buffer;

    // Strings a frame repeats record after record (its topic, header keys), with their bytes; by reference.
    private readonly string?[] _repeated = new string?[4];
    private readonly byte[][] _repeatedBytes = [[], [], [], []];
    private int _nextSlot;

    public WireWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    /// <summary>This thread's writer, emptied; <see cref="ToArray"/> hands it back.</summary>
    public static WireWriter Rent()
    {
        var writer = _cached ?? new WireWriter(4096);
        _cached = null;
        return writer;
    }

    public byte[] ToArray()
    {
        var bytes = _buffer.WrittenSpan.ToArray();
        _buffer.ResetWrittenCount();
        Array.Clear(_repeated);
        if (_buffer.Capacity <= KeptCapacity) _cached = this;
        return bytes;
    }

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

    /// <summary>A string that repeats from record to record (a topic, a header key): encoded once per message while it repeats.</summary>
    public WireWriter RepeatedString(string value)
    {
        for (var i = 0; i < _repeated.Length; i++)
            if (ReferenceEquals(_repeated[i], value)) return Bytes(_repeatedBytes[i]);
        var slot = _nextSlot;
        _nextSlot = (slot + 1) % _repeated.Length;
        _repeated[slot] = value;
        _repeatedBytes[slot] = Encoding.UTF8.GetBytes(value);
        return Bytes(_repeatedBytes[slot]);
    }

    public WireWriter Timestamp(Timestamp value) => Byte((byte)value.Type).Int64(value.UnixTimestampMs);

    public WireWriter Instant(DateTimeOffset value) => Int64(value.UtcTicks);

    public WireWriter TopicPartitionOffset(TopicPartitionOffset? value)
    {
        Bool(value is not null);
        return value is null ? this : String(value.Topic).Int32(value.Partition.Value).Int64(value.Offset.Value);
    }
}
