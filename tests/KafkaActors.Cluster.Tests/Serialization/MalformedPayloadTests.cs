using System.Buffers.Binary;
using System.Runtime.Serialization;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Serialization;
using Xunit;

namespace KafkaActors.Cluster.Tests.Serialization;

/// <summary>
/// A peer that reaches a node's remoting port can send any bytes: each malformed payload must end in a
/// <see cref="SerializationException"/> saying what is wrong, having allocated no more than the payload warrants.
/// </summary>
public class MalformedPayloadTests : WireSpec
{
    [Fact]
    public void A_produce_request_announcing_0x10000000_headers_is_refused_before_anything_is_allocated()
    {
        var request = new ProduceRequest(Guid.NewGuid(), 3, 1, "orders", new Partition(1), new byte[16], new byte[32],
            [new WireHeader("kafka-actors.record-id", new byte[36])], new Timestamp(1_700_000_000_000, TimestampType.CreateTime), TestActor);
        var bytes = Serializer.ToBinary(request);
        // The header count is the int32 right before the headers, which fill the payload's end.
        var countAt = bytes.Length - (4 + "kafka-actors.record-id".Length + 4 + 36) - 4;
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(countAt)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(countAt), 0x10000000);

        var (e, allocated) = Decode(bytes, ClusterWireSerializer.ProduceRequestManifest);

        Assert.True(allocated < AllocationBound(bytes), $"{allocated:N0} bytes allocated for a {bytes.Length}-byte payload");
        Assert.Contains("268435456 headers", e.Message);
    }

    [Fact]
    public void A_corrupt_node_address_is_a_serialization_error()
    {
        var bytes = Serializer.ToBinary(new RecordAccepted(Guid.NewGuid(), 1, new Akka.Actor.Address("akka.tcp", "nodes", "127.0.0.1", 4053)));
        var text = "akka.tcp://nodes@127.0.0.1:4053"u8;
        var at = bytes.AsSpan().IndexOf(text);
        "no:such/address!!!"u8.CopyTo(bytes.AsSpan(at));

        Assert.Contains("address", Decode(bytes, ClusterWireSerializer.RecordAcceptedManifest).Error.Message);
    }

    [Fact]
    public void A_corrupt_reply_to_path_is_a_serialization_error_not_dead_letters()
    {
        var bytes = Serializer.ToBinary(new ProduceRequest(Guid.NewGuid(), 0, 1, "t", Partition.Any, null, null, [], Timestamp.Default, TestActor));
        var path = System.Text.Encoding.UTF8.GetBytes(Akka.Serialization.Serialization.SerializedActorPath(TestActor));
        var at = bytes.AsSpan().IndexOf(path);
        bytes.AsSpan(at, path.Length).Fill((byte)'#');

        Assert.Contains("actor path", Decode(bytes, ClusterWireSerializer.ProduceRequestManifest).Error.Message);
    }

    [Fact]
    public void An_instant_outside_the_calendar_is_a_serialization_error()
    {
        var first = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var bytes = Serializer.ToBinary(new RecordDeadLettered(Guid.NewGuid(), 1, 1,
            new WireError(ErrorCode.Local_MsgTimedOut, "r", FailureKind.Retriable, true, PersistenceStatus.PossiblyPersisted, null, null),
            DeadLetterCause.AttemptsExhausted, first, first, null, null));
        var at = bytes.AsSpan().IndexOf(BitConverter.GetBytes(first.UtcTicks));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), long.MaxValue);

        Assert.Contains("instant", Decode(bytes, ClusterWireSerializer.RecordDeadLetteredManifest).Error.Message);
    }

    [Fact]
    public void An_unknown_enum_value_is_a_serialization_error()
    {
        var bytes = Serializer.ToBinary(new RecordDelivered(Guid.NewGuid(), 1, new Partition(0), new Offset(7), Timestamp.Default, PersistenceStatus.Persisted, 1));
        bytes[^5] = 77; // the persistence status, before the int32 attempt

        Assert.Contains("PersistenceStatus", Decode(bytes, ClusterWireSerializer.RecordDeliveredManifest).Error.Message);
    }

    [Fact]
    public void A_string_that_is_not_utf8_is_a_serialization_error()
    {
        var bytes = Serializer.ToBinary(new RecordRejected(Guid.NewGuid(), 1, "abc"));
        bytes[^1] = 0xFF;

        Assert.Contains("UTF-8", Decode(bytes, ClusterWireSerializer.RecordRejectedManifest).Error.Message);
    }

    private (SerializationException Error, long Allocated) Decode(byte[] bytes, string manifest)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
