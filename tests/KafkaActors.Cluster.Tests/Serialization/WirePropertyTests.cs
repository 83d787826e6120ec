using System.Buffers.Binary;
using System.Runtime.Serialization;
using Confluent.Kafka;
using CsCheck;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Serialization;
using Xunit;

namespace KafkaActors.Cluster.Tests.Serialization;

/// <summary>
/// Fuzzes the wire: valid payloads of every message type, then truncated, with forged counts and lengths,
/// with flipped bytes, and random bytes under every manifest. Each decode either yields a message or throws
/// <see cref="SerializationException"/> (nothing else), and allocates within <see cref="WireSpec.AllocationBound"/>.
/// </summary>
public class WirePropertyTests : WireSpec
{
    private static readonly int[] Forged = [0x10000000, int.MaxValue, int.MinValue, -2, -1, 0, 1, 255, 65_536];

    private static readonly Gen<WireError> Errors =
        Gen.Select(Gen.Int, Gen.String, Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 2], Gen.String.Null(), Gen.String.Null())
            .Select((code, reason, kind, local, status, type, message) =>
                new WireError((ErrorCode)code, reason, (FailureKind)kind, local, (PersistenceStatus)status, type, message));

    private static readonly Gen<DateTimeOffset> Instants =
        Gen.Long[DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks].Select(t => new DateTimeOffset(t, TimeSpan.Zero));

    private static readonly Gen<Timestamp> Timestamps = Gen.Select(Gen.Long, Gen.Int[0, 2]).Select((ms, type) => new Timestamp(ms, (TimestampType)type));

    private Gen<object> Messages() => Gen.OneOf<object>(
        Gen.Select(Gen.Guid, Gen.Int[0, 1023], Gen.Int[1, 20], Gen.String, Gen.Int[-1, 64], Gen.Byte.Array[0, 64].Null(), Gen.Byte.Array[0, 128].Null(),
                Gen.Select(Gen.String, Gen.Byte.Array[0, 16].Null()).Select((k, v) => new WireHeader(k, v)).Array[0, 4])
            .Select(Timestamps, (t, ts) => (object)new ProduceRequest(t.Item1, t.Item2, t.Item3, t.Item4, new Partition(t.Item5), t.Item6, t.Item7, t.Item8, ts, TestActor)),
        Gen.Select(Gen.Guid, Gen.Int[1, 20], Gen.Int[1, 65_535]).Select((id, s, port) =>
            (object)new RecordAccepted(id, s, new Akka.Actor.Address("akka.tcp", "nodes", "127.0.0.1", port))),
        Gen.Select(Gen.Guid, Gen.Int[1, 20], Gen.Int[-1, 64], Gen.Long, Timestamps, Gen.Int[0, 2], Gen.Int[0, 10]).Select((id, s, p, o, ts, status, a) =>
            (object)new RecordDelivered(id, s, new Partition(p), new Offset(o), ts, (PersistenceStatus)status, a)),
        Gen.Select(Gen.Guid, Gen.Int[1, 20], Gen.Int[0, 10], Errors.Null(), Gen.Int[0, 2], Instants, Instants, Errors.Null())
            .Select(Gen.Bool, (t, copy) => (object)new RecordDeadLettered(t.Item1, t.Item2, t.Item3, t.Item4, (DeadLetterCause)t.Item5, t.Item6, t.Item7,
                copy ? new TopicPartitionOffset("orders.DLT", new Partition(0), new Offset(42)) : null, t.Item8)),
        Gen.Select(Gen.Guid, Gen.Int[1, 20], Gen.String).Select((id, s, why) => (object)new RecordRejected(id, s, why)),
        Gen.Select(Gen.Select(Gen.Guid, Gen.Int[1, 20]).Select((id, s) => new AcceptedSubmission(id, s)).Array[0, 8],
                Gen.Select(Gen.Guid, Gen.Int[1, 20], Gen.Long, Gen.String).Select((id, s, o, why) => o % 2 == 0
                    ? (IRecordResult)new RecordDelivered(id, s, new Partition(1), new Offset(o), Timestamp.Default, PersistenceStatus.Persisted, 1)
                    : new RecordRejected(id, s, why)).Array[0, 8])
            .Select((accepted, results) => (object)new ResultFrame(new Akka.Actor.Address("akka.tcp", "nodes", "127.0.0.1", 4053), accepted, results)),
        Gen.Select(Gen.Int[0, 1023], Gen.Select(Gen.Guid, Gen.Int[1, 20], Gen.String, Gen.Byte.Array[0, 32].Null(),
                    Gen.Select(Gen.String, Gen.Byte.Array[0, 8].Null()).Select((k, v) => new WireHeader(k, v)).Array[0, 3]).Array[0, 6])
            .Select((bucket, records) => (object)new ProduceFrame(bucket, TestActor, records.Select(r =>
                new ProduceRequest(r.Item1, bucket, r.Item2, r.Item3, Partition.Any, r.Item4, r.Item4, r.Item5, Timestamp.Default, TestActor)).ToList())),
        Gen.Select(Gen.Int[0, 1023], Gen.Select(Gen.Guid, Gen.String, Gen.Byte.Array[0, 16].Null()).Array[0, 4]).Array[0, 4]
            .Select(frames => (object)new NodeFrame(TestActor, frames.Select(f => new ProduceFrame(f.Item1, TestActor, f.Item2.Select(r =>
                new ProduceRequest(r.Item1, f.Item1, 1, r.Item2, Partition.Any, r.Item3, r.Item3, [], Timestamp.Default, TestActor)).ToList())).ToList())));

    private static readonly string[] Manifests =
    [
        ClusterWireSerializer.ProduceRequestManifest, ClusterWireSerializer.RecordAcceptedManifest, ClusterWireSerializer.RecordDeliveredManifest,
        ClusterWireSerializer.RecordDeadLetteredManifest, ClusterWireSerializer.RecordRejectedManifest, ClusterWireSerializer.ResultFrameManifest,
        ClusterWireSerializer.ProduceFrameManifest, ClusterWireSerializer.NodeFrameManifest,
    ];

    [Fact]
    public void Valid_payloads_of_every_type_decode_to_their_type() =>
        Messages().Sample(message =>
        {
            var bytes = Serializer.ToBinary(message);
            Assert.IsType(message.GetType(), DecodeWithinBound(bytes, Serializer.Manifest(message)));
        }, iter: 500);

    // Few, similar strings (same lengths, shared prefixes) so topics and header keys repeat, alternate and nearly match.
    private static readonly Gen<string> Similar = Gen.OneOfConst("orders", "orderz", "o", "", "ü-orders", "kafka-actors.record-id");

    [Fact]
    public void Produce_frames_with_repeating_topics_and_header_keys_round_trip_exactly() =>
        Gen.Select(Similar, Gen.Select(Similar, Gen.Byte.Array[0, 4].Null()).Array[0, 3], Gen.Byte.Array[0, 8].Null()).Array[0, 12].Sample(records =>
        {
            var frame = new ProduceFrame(3, TestActor, records.Select(r => new ProduceRequest(Guid.NewGuid(), 3, 1, r.Item1, Partition.Any, r.Item3, r.Item3,
                r.Item2.Select(h => new WireHeader(h.Item1, h.Item2)).ToArray(), Timestamp.Default, TestActor)).ToList());

            var back = Assert.IsType<ProduceFrame>(Serializer.FromBinary(Serializer.ToBinary(frame), ClusterWireSerializer.ProduceFrameManifest));

            Assert.Equal(frame.Requests.Select(r => (r.RecordId, r.Topic, r.Key)), back.Requests.Select(r => (r.RecordId, r.Topic, r.Key)));
            Assert.Equal(frame.Requests.Select(r => r.Headers.Select(h => (h.Key, h.Value))), back.Requests.Select(r => r.Headers.Select(h => (h.Key, h.Value))));
        }, iter: 300);

    [Fact]
    public void A_frame_decodes_its_repeated_topic_once()
    {
        var frame = new ProduceFrame(1, TestActor, Enumerable.Range(0, 5).Select(_ => new ProduceRequest(Guid.NewGuid(), 1, 1, "orders", Partition.Any, null, [1],
            [new WireHeader(RecordIdHeader.Name, [2])], Timestamp.Default, TestActor)).ToList());

        var back = Assert.IsType<ProduceFrame>(Serializer.FromBinary(Serializer.ToBinary(frame), ClusterWireSerializer.ProduceFrameManifest));

        Assert.All(back.Requests, r => Assert.Same(back.Requests[0].Topic, r.Topic));
        Assert.All(back.Requests, r => Assert.Same(back.Requests[0].Headers[0].Key, r.Headers[0].Key));
    }

    [Fact]
    public void Truncated_payloads_are_refused() =>
        Messages().Select(Gen.Double[0, 1]).Sample((message, cut) =>
        {
            var bytes = Serializer.ToBinary(message);
            var truncated = bytes[..(int)(cut * (bytes.Length - 1))];
            Assert.Throws<SerializationException>(() => Serializer.FromBinary(truncated, Serializer.Manifest(message)));
            DecodeWithinBound(truncated, Serializer.Manifest(message));
        }, iter: 1000);

    [Fact]
    public void Forged_counts_and_lengths_anywhere_end_in_a_serialization_error_or_a_message_never_in_a_large_allocation() =>
        Messages().Select(Gen.Double[0, 1], Gen.OneOfConst(Forged).Select(Gen.Int, Gen.Bool, (f, any, pick) => pick ? f : any)).Sample((message, where, forged) =>
        {
            var bytes = Serializer.ToBinary(message);
            var at = 1 + (int)(where * (bytes.Length - 5));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), forged);
            DecodeWithinBound(bytes, Serializer.Manifest(message));
        }, iter: 3000);

    [Fact]
    public void Flipped_bytes_end_in_a_serialization_error_or_a_message() =>
        Messages().Select(Gen.Select(Gen.Double[0, 1], Gen.Byte).Array[1, 4]).Sample((message, flips) =>
        {
            var bytes = Serializer.ToBinary(message);
            foreach (var (where, value) in flips) bytes[(int)(where * (bytes.Length - 1))] ^= value;
            DecodeWithinBound(bytes, Serializer.Manifest(message));
        }, iter: 3000);

    [Fact]
    public void Random_bytes_under_every_manifest_end_in_a_serialization_error_or_a_message() =>
        Gen.Select(Gen.OneOfConst(Manifests), Gen.Byte.Array[0, 300], Gen.Bool).Sample((manifest, bytes, versioned) =>
        {
            if (versioned && bytes.Length > 0) bytes[0] = ClusterWireSerializer.FormatVersion;
            DecodeWithinBound(bytes, manifest);
        }, iter: 3000);

    /// <summary>The decoded message, or null when refused; any exception but <see cref="SerializationException"/> fails.</summary>
    private object? DecodeWithinBound(byte[] bytes, string manifest)
    {
        object? message = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            message = Serializer.FromBinary(bytes, manifest);
        }
        catch (SerializationException e)
        {
            Assert.Contains("KafkaActors cluster message", e.Message); // says whose bytes were wrong
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= AllocationBound(bytes), $"{allocated:N0} bytes allocated decoding {bytes.Length} bytes as '{manifest}'");
        return message;
    }
}
