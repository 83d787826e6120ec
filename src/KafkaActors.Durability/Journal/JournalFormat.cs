using System.Text;
using Confluent.Kafka;

namespace KafkaActors.Durability;

/// <summary>
/// The journal's own binary format: every event and snapshot is a byte array (Akka's built-in byte-array
/// serializer stores it as it is), led by a format version so a journal written by another version is named
/// as such instead of misread. An event is one journal write: the records it accepts and the ids it finishes.
/// </summary>
internal static class JournalFormat
{
    private const byte Version = 1;
    private const byte BatchTag = 1;
    private const byte SnapshotTag = 2;

    public static byte[] Batch(IReadOnlyCollection<DurableRecord> accepted, IReadOnlyCollection<Guid> finished)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Version);
        writer.Write(BatchTag);
        WriteRecords(writer, accepted);
        writer.Write(finished.Count);
        foreach (var id in finished) writer.Write(id.ToByteArray());
        writer.Flush();
        return stream.ToArray();
    }

    public static byte[] Snapshot(IReadOnlyCollection<DurableRecord> outstanding)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Version);
        writer.Write(SnapshotTag);
        WriteRecords(writer, outstanding);
        writer.Flush();
        return stream.ToArray();
    }

    public static (List<DurableRecord> Accepted, List<Guid> Finished) ReadBatch(byte[] bytes)
    {
        using var reader = Open(bytes, BatchTag);
        var accepted = ReadRecords(reader);
        var finished = new List<Guid>(reader.ReadInt32());
        for (var i = finished.Capacity; i > 0; i--) finished.Add(new Guid(reader.ReadBytes(16)));
        return (accepted, finished);
    }

    public static List<DurableRecord> ReadSnapshot(byte[] bytes)
    {
        using var reader = Open(bytes, SnapshotTag);
        return ReadRecords(reader);
    }

    private static BinaryReader Open(byte[] bytes, byte tag)
    {
        if (bytes.Length < 2 || bytes[0] != Version)
            throw new InvalidDataException($"journal entry in format version {(bytes.Length > 0 ? bytes[0] : 0)}, this KafkaActors.Durability reads version {Version}");
        if (bytes[1] != tag) throw new InvalidDataException($"journal entry of kind {bytes[1]} where kind {tag} was expected");
        var reader = new BinaryReader(new MemoryStream(bytes, 2, bytes.Length - 2), Encoding.UTF8);
        return reader;
    }

    private static void WriteRecords(BinaryWriter writer, IReadOnlyCollection<DurableRecord> records)
    {
        writer.Write(records.Count);
        foreach (var record in records)
        {
            writer.Write(record.Id.ToByteArray());
            writer.Write(record.Topic);
            writer.Write(record.Partition);
            WriteBytes(writer, record.Key);
            WriteBytes(writer, record.Value);
            writer.Write(record.Headers.Count);
            foreach (var (key, value) in record.Headers)
            {
                writer.Write(key);
                WriteBytes(writer, value);
            }
            writer.Write((byte)record.Timestamp.Type);
            writer.Write(record.Timestamp.UnixTimestampMs);
            WriteBytes(writer, record.Context);
        }
    }

    private static List<DurableRecord> ReadRecords(BinaryReader reader)
    {
        var records = new List<DurableRecord>(reader.ReadInt32());
        for (var i = records.Capacity; i > 0; i--)
        {
            var id = new Guid(reader.ReadBytes(16));
            var topic = reader.ReadString();
            var partition = reader.ReadInt32();
            var key = ReadBytes(reader);
            var value = ReadBytes(reader) ?? [];
            var headers = new List<(string, byte[]?)>(reader.ReadInt32());
            for (var h = headers.Capacity; h > 0; h--) headers.Add((reader.ReadString(), ReadBytes(reader)));
            var type = (TimestampType)reader.ReadByte();
            var timestamp = new Timestamp(reader.ReadInt64(), type);
            records.Add(new DurableRecord(id, topic, partition, key, value, headers, timestamp, ReadBytes(reader)));
        }
        return records;
    }

    private static void WriteBytes(BinaryWriter writer, byte[]? bytes)
    {
        writer.Write(bytes?.Length ?? -1);
        if (bytes is not null) writer.Write(bytes);
    }

    private static byte[]? ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : reader.ReadBytes(length);
    }
}
