using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Confluent.Kafka;

namespace KafkaActors.Cluster.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, trusting nothing: every length and count is checked against
/// the bytes left before anything is allocated, and every value against what it may be, so a short,
/// corrupt or hostile payload ends in <see cref="SerializationException"/> naming the problem.
/// </summary>
internal ref struct WireReader
{
    // Strict: a byte sequence that is not UTF-8 is an error, not a string of U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    // Two strings seen last through RepeatedString (where in the payload, and decoded), alternating.
    private (int At, int Length, string? Value) _repeatedA, _repeatedB;

    public WireReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
        _repeatedA = _repeatedB = default;
    }

    public bool AtEnd => _position == _bytes.Length;

    private int Remaining => _bytes.Length - _position;

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw Malformed($"a boolean is {b}; only 0 and 1 are written"),
    };

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Guid Guid() => new(Take(16));

    /// <summary>An int32 that must be at least <paramref name="minimum"/>; <paramref name="what"/> names it in the error.</summary>
    public int Int32(string what, int minimum)
    {
        var value = Int32();
        return value >= minimum ? value : throw Malformed($"{what} is {value}; it must be at least {minimum}");
    }

    /// <summary>
    /// A count of items that take at least <paramref name="minBytesEach"/> bytes each: checked against the
    /// bytes left, so a forged count cannot make the caller allocate for items that are not there.
    /// </summary>
    public int Count(string what, int minBytesEach)
    {
        var count = Int32();
        if (count < 0 || count > Remaining / minBytesEach)
            throw Malformed($"it announces {count} {what} where {Remaining} bytes remain (each takes at least {minBytesEach})");
        return count;
    }

    /// <summary>An enum written as one byte; a value the enum does not define is refused.</summary>
    public T Enum<T>() where T : struct, Enum
    {
        var raw = Byte();
        var value = (T)System.Enum.ToObject(typeof(T), raw);
        return System.Enum.IsDefined(value) ? value : throw Malformed($"{raw} is not a {typeof(T).Name}");
    }

    public byte[]? Bytes()
    {
        var length = Length();
        return length < 0 ? null : Take(length).ToArray();
    }

    public string? NullableString()
    {
        var length = Length();
        if (length < 0) return null;
        var at = _position;
        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"the string of {length} bytes at offset {at} is not valid UTF-8");
        }
    }

    public string String() => NullableString() ?? throw Malformed("a required string is null");

    /// <summary>
    /// A required string that repeats from record to record (a frame's topic, its header keys): decoded once,
    /// then recognised by its bytes, so a frame of N records does not allocate N copies of its topic.
    /// </summary>
    public string RepeatedString()
    {
        var at = _position;
        var length = Length();
        if (length >= 0 && length <= Remaining)
        {
            var bytes = _bytes.Slice(_position, length);
            if (Same(_repeatedA, bytes)) return Skip(length, _repeatedA.Value!);
            if (Same(_repeatedB, bytes)) return Skip(length, _repeatedB.Value!);
        }
        _position = at;
        var start = at + 4;
        var value = String();
        _repeatedB = _repeatedA;
        _repeatedA = (start, _position - start, value);
        return value;
    }

    private readonly bool Same((int At, int Length, string? Value) seen, ReadOnlySpan<byte> bytes) =>
        seen.Value is not null && seen.Length == bytes.Length && _bytes.Slice(seen.At, seen.Length).SequenceEqual(bytes);

    private string Skip(int length, string value)
    {
        _position += length;
        return value;
    }

    public Timestamp Timestamp()
    {
        var type = Enum<TimestampType>();
        return new Timestamp(Int64(), type);
    }

    public DateTimeOffset Instant()
    {
        var ticks = Int64();
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            throw Malformed($"the instant {ticks} (UTC ticks) is outside the calendar");
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>A partition number, or -1 for <see cref="Partition.Any"/>.</summary>
    public Partition Partition() => new(Int32("a partition", Confluent.Kafka.Partition.Any.Value));

    public TopicPartitionOffset? TopicPartitionOffset() =>
        Bool() ? new TopicPartitionOffset(String(), Partition(), new Offset(Int64())) : null;

    public Address Address()
    {
        var text = String();
        return Akka.Actor.Address.TryParse(text, out var address) ? address : throw Malformed($"'{Shorten(text)}' is not a node address");
    }

    /// <summary>An actor path, checked before anything resolves it (a bad one would silently become dead letters).</summary>
    public string ActorPath()
    {
        var text = String();
        return Akka.Actor.ActorPath.TryParse(text, out _) ? text : throw Malformed($"'{Shorten(text)}' is not an actor path");
    }

    public static SerializationException Malformed(string problem) => new($"Malformed KafkaActors cluster message: {problem}.");

    private int Length()
    {
        var length = Int32();
        if (length < -1 || length > Remaining)
            throw Malformed($"it announces {length} bytes where {Remaining} remain");
        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
            throw Malformed($"it ended early: {count} more bytes needed at offset {_position} of {_bytes.Length}");
        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
