using System.Runtime.Serialization;
using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Serialization;
using Xunit;

namespace KafkaActors.Cluster.Tests.Serialization;

/// <summary>Every message that crosses nodes survives the wire unchanged, through Akka's own serialization lookup.</summary>
public class ClusterWireSerializerTests : WireSpec
{
    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ClusterWireSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        Assert.Equal(ClusterWireSerializer.FormatVersion, bytes[0]);
        return Assert.IsType<T>(Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }

    [Fact]
    public void Produce_request_round_trips_with_bytes_headers_timestamp_partition_and_reply_to()
    {
        var request = new ProduceRequest(Guid.NewGuid(), 17, 3, "orders", new Partition(5), [1, 2, 3], [], 
            [new WireHeader("a", [9]), new WireHeader("null-valued", null), new WireHeader("ü-utf8", "ß"u8.ToArray())],
            new Timestamp(1_700_000_000_123, TimestampType.CreateTime), TestActor);

        var back = RoundTrip(request);

        Assert.Equal((request.RecordId, request.Bucket, request.Submission, request.Topic, request.Partition),
            (back.RecordId, back.Bucket, back.Submission, back.Topic, back.Partition));
        Assert.Equal(request.Key, back.Key);
        Assert.Equal(request.Value, back.Value);
        Assert.Equal(request.Timestamp, back.Timestamp);
        Assert.Equal(request.ReplyTo, back.ReplyTo);
        Assert.Equal(request.Headers.Select(h => (h.Key, h.Value)), back.Headers.Select(h => (h.Key, h.Value)));
    }

    [Fact]
    public void Produce_request_keeps_null_key_null_value_and_any_partition_apart_from_empty_ones()
    {
        var request = new ProduceRequest(Guid.NewGuid(), 0, 1, "t", Partition.Any, null, null, [], Timestamp.Default, TestActor);

        var back = RoundTrip(request);

        Assert.Null(back.Key);
        Assert.Null(back.Value);
        Assert.Equal(Partition.Any, back.Partition);
        Assert.Equal(Timestamp.Default, back.Timestamp);
        Assert.Empty(back.Headers);
    }

    [Fact]
    public void Record_accepted_round_trips_with_the_node_address()
    {
        var accepted = new RecordAccepted(Guid.NewGuid(), 2, new Address("akka.tcp", "nodes", "127.0.0.1", 41234));

        Assert.Equal(accepted, RoundTrip(accepted));
    }

    [Fact]
    public void Record_delivered_round_trips()
    {
        var delivered = new RecordDelivered(Guid.NewGuid(), 1, new Partition(3), new Offset(123456789012), new Timestamp(1234, TimestampType.LogAppendTime),
            PersistenceStatus.Persisted, 4);

        Assert.Equal(delivered, RoundTrip(delivered));
    }

    [Fact]
    public void Record_dead_lettered_round_trips_with_errors_reason_instants_and_dead_letter_offset()
    {
        var deadLettered = new RecordDeadLettered(Guid.NewGuid(), 2, 10,
            new WireError(ErrorCode.MsgSizeTooLarge, "too large", FailureKind.Permanent, false, PersistenceStatus.NotPersisted, "Confluent.Kafka.ProduceException", "boom"),
            DeadLetterCause.Permanent, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero),
            new TopicPartitionOffset("orders.DLT", new Partition(0), new Offset(42)),
            new WireError(ErrorCode.Local_MsgTimedOut, "dlt down", FailureKind.Retriable, true, PersistenceStatus.PossiblyPersisted, null, null));

        Assert.Equal(deadLettered, RoundTrip(deadLettered));
    }

    [Fact]
    public void Record_dead_lettered_round_trips_without_dead_letter_copy_or_publish_error()
    {
        var deadLettered = new RecordDeadLettered(Guid.NewGuid(), 1, 1,
            new WireError(ErrorCode.Local_MsgTimedOut, "timed out", FailureKind.Retriable, true, PersistenceStatus.PossiblyPersisted, null, null),
            DeadLetterCause.Shutdown, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);

        Assert.Equal(deadLettered, RoundTrip(deadLettered));
    }

    [Fact]
    public void Record_rejected_round_trips()
    {
        var rejected = new RecordRejected(Guid.NewGuid(), 7, "intake full");

        Assert.Equal(rejected, RoundTrip(rejected));
    }

    [Fact]
    public void Produce_frame_round_trips_its_records_with_the_frame_bucket_and_reply_to()
    {
        ProduceRequest Record(int i) => new(Guid.NewGuid(), 9, i, $"topic-{i}", new Partition(i), [(byte)i], i % 2 == 0 ? null : [1, 2],
            [new WireHeader("h", [(byte)i])], new Timestamp(1_000 + i, TimestampType.CreateTime), TestActor);
        var frame = new ProduceFrame(9, TestActor, [Record(1), Record(2), Record(3)]);

        var back = RoundTrip(frame);

        Assert.Equal((9, TestActor), (back.Bucket, back.ReplyTo));
        Assert.Equal(frame.Requests.Select(r => (r.RecordId, r.Bucket, r.Submission, r.Topic, r.Partition, r.Timestamp, r.ReplyTo)),
            back.Requests.Select(r => (r.RecordId, r.Bucket, r.Submission, r.Topic, r.Partition, r.Timestamp, r.ReplyTo)));
        Assert.Equal(frame.Requests.Select(r => r.Value), back.Requests.Select(r => r.Value));
        Assert.Equal(frame.Requests.Select(r => r.Headers.Single().Value), back.Requests.Select(r => r.Headers.Single().Value));
    }

    [Fact]
    public void Node_frame_round_trips_each_bucket_frame_with_its_records_and_the_one_reply_to()
    {
        ProduceRequest Record(int bucket, int i) => new(Guid.NewGuid(), bucket, 1, "orders", Partition.Any, [(byte)i], [2], [], Timestamp.Default, TestActor);
        var frame = new NodeFrame(TestActor, [new ProduceFrame(4, TestActor, [Record(4, 1), Record(4, 2)]), new ProduceFrame(7, TestActor, [Record(7, 3)]),
            new ProduceFrame(5, TestActor, [])]);

        var back = RoundTrip(frame);

        Assert.Equal(TestActor, back.ReplyTo);
        Assert.Equal(frame.Frames.Select(f => (f.Bucket, f.ReplyTo)), back.Frames.Select(f => (f.Bucket, f.ReplyTo)));
        Assert.Equal(frame.Frames.Select(f => f.Requests.Select(r => (r.RecordId, r.Bucket, r.Key![0]))),
            back.Frames.Select(f => f.Requests.Select(r => (r.RecordId, r.Bucket, r.Key![0]))));
    }

    [Fact]
    public void Result_frame_round_trips_acceptances_and_every_kind_of_result_in_order()
    {
        var id = Guid.NewGuid();
        var frame = new ResultFrame(new Address("akka.tcp", "nodes", "127.0.0.1", 4053), [new AcceptedSubmission(id, 2)],
        [
            new RecordDelivered(id, 2, new Partition(1), new Offset(5), Timestamp.Default, PersistenceStatus.Persisted, 1),
            new RecordRejected(Guid.NewGuid(), 1, "intake full"),
            new RecordDeadLettered(Guid.NewGuid(), 1, 3,
                new WireError(ErrorCode.MsgSizeTooLarge, "too large", FailureKind.Permanent, false, PersistenceStatus.NotPersisted, null, null),
                DeadLetterCause.Permanent, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null),
        ]);

        var back = RoundTrip(frame);

        Assert.Equal(frame.Node, back.Node);
        Assert.Equal(frame.Accepted, back.Accepted);
        Assert.Equal(frame.Results, back.Results);
    }

    [Fact]
    public void A_payload_of_an_unknown_format_version_is_refused_not_misread()
    {
        var serializer = (ClusterWireSerializer)Sys.Serialization.FindSerializerForType(typeof(RecordRejected));
        var bytes = serializer.ToBinary(new RecordRejected(Guid.NewGuid(), 1, "x"));
        bytes[0] = ClusterWireSerializer.FormatVersion + 1;

        var e = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, ClusterWireSerializer.RecordRejectedManifest));
        Assert.Contains($"format version {ClusterWireSerializer.FormatVersion + 1}", e.Message);
    }

    [Fact]
    public void Truncated_payloads_and_unknown_manifests_are_refused()
    {
        var serializer = (ClusterWireSerializer)Sys.Serialization.FindSerializerForType(typeof(RecordDelivered));
        var bytes = serializer.ToBinary(new RecordDelivered(Guid.NewGuid(), 1, new Partition(0), new Offset(1), Timestamp.Default, PersistenceStatus.Persisted, 1));

        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..^1], ClusterWireSerializer.RecordDeliveredManifest));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, "no-such-manifest"));
    }

    [Fact]
    public void Wire_errors_bring_back_the_delivery_error_with_a_stand_in_for_the_remote_exception()
    {
        var error = new DeliveryError(ErrorCode.TopicAuthorizationFailed, "denied", FailureKind.Permanent, false, PersistenceStatus.NotPersisted, new InvalidOperationException("nope"));

        var back = WireError.From(error).ToDeliveryError();

        Assert.Equal((error.Code, error.Reason, error.Kind, error.IsLocal, error.Status), (back.Code, back.Reason, back.Kind, back.IsLocal, back.Status));
        var remote = Assert.IsType<RemoteProducerException>(back.Exception);
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
        Assert.Contains("nope", remote.Message);
    }
}
