using KafkaActors.Durability;

namespace KafkaActors.Cli.Produce;

/// <summary>How a line's number and key as written go into the outbox, so a later run reports recovered lines by them.</summary>
internal sealed class InputLineContext : IDurableContext<InputLine>
{
    public static readonly InputLineContext Instance = new();

    public byte[] ToBytes(InputLine context)
    {
        var key = context.KeyAsWritten;
        var bytes = new byte[8 + 4 + (key?.Length ?? 0)];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), context.Number);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), key?.Length ?? -1);
        key?.CopyTo(bytes, 12);
        return bytes;
    }

    public InputLine FromBytes(byte[] bytes)
    {
        var length = BitConverter.ToInt32(bytes, 8);
        return new InputLine(BitConverter.ToInt64(bytes, 0), length < 0 ? null : bytes[12..(12 + length)]);
    }
}
