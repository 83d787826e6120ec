using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Serialization;

/// <summary>
/// Binary serializer for every message that crosses nodes. Each payload starts with a format version
/// byte; a node refuses a version it does not know rather than misreading it. Manifests are short
/// and stable (they are not type names), so classes can move without breaking the wire.
/// Registered in the embedded reference configuration (<c>akka.actor.serializers.kafka-actors-cluster</c>).
/// </summary>
public sealed class ClusterWireSerializer : SerializerWithStringManifest
{
    /// <summary>Serializer id on the wire (Akka reserves 0–100).</summary>
    public const int SerializerId = 2261;

    /// <summary>The format this node writes and the only one it reads (3: node frames; a produce frame's reply-to before its bucket).</summary>
    public const byte FormatVersion = 3;

    internal const string ProduceRequestManifest = "req";
    internal const string RecordAcceptedManifest = "acc";
    internal const string RecordDeliveredManifest = "dlv";
    internal const string RecordDeadLetteredManifest = "dlt";
    internal const string RecordRejectedManifest = "rej";
    internal const string ResultFrameManifest = "rfr";
    internal const string ProduceFrameManifest = "pfr";
    internal const string NodeFrameManifest = "nfr";

    public ClusterWireSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        ProduceRequest => ProduceRequestManifest,
        RecordAccepted => RecordAcceptedManifest,
        RecordDelivered => RecordDeliveredManifest,
        RecordDeadLettered => RecordDeadLetteredManifest,
        RecordRejected => RecordRejectedManifest,
        ResultFrame => ResultFrameManifest,
        ProduceFrame => ProduceFrameManifest,
        NodeFrame => NodeFrameManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj)
    {
        var w = WireWriter.Rent().Byte(FormatVersion);
        switch (obj)
        {
            case ProduceRequest m:
                WriteRecord(w.Int32(m.Bucket).String(Akka.Serialization.Serialization.SerializedActorPath(m.ReplyTo)), m);
                break;
            case ProduceFrame m:
                w.String(Akka.Serialization.Serialization.SerializedActorPath(m.ReplyTo));
                WriteFrame(w, m);
                break;
            case NodeFrame m:
                w.String(Akka.Serialization.Serialization.SerializedActorPath(m.ReplyTo)).Int32(m.Frames.Count);
                foreach (var frame in m.Frames) WriteFrame(w, frame);
                break;
            case RecordAccepted m:
                w.Guid(m.RecordId).Int32(m.Submission).String(m.Node.ToString());
                break;
            case IRecordResult m:
                WriteResult(w, m);
                break;
            case ResultFrame m:
                w.String(m.Node.ToString()).Int32(m.Accepted.Count);
                foreach (var a in m.Accepted) w.Guid(a.RecordId).Int32(a.Submission);
                w.Int32(m.Results.Count);
                foreach (var result in m.Results) WriteResult(w.Byte(ResultTag(result)), result);
                break;
            default:
                throw Unknown(obj);
        }
        return w.ToArray();
    }

    // A frame's records after its bucket; the reply-to is written once, before the frame or before the node frame.
    private static void WriteFrame(WireWriter w, ProduceFrame m)
    {
        w.Int32(m.Bucket).Int32(m.Requests.Count);
        foreach (var request in m.Requests) WriteRecord(w, request);
    }

    // A request's record; its bucket and reply-to are written once, before it or before its frame.
    private static void WriteRecord(WireWriter w, ProduceRequest m)
    {
        w.Guid(m.RecordId).Int32(m.Submission).RepeatedString(m.Topic).Int32(m.Partition.Value).Bytes(m.Key).Bytes(m.Value).Timestamp(m.Timestamp)
            .Int32(m.Headers.Count);
        foreach (var h in m.Headers) w.RepeatedString(h.Key).Bytes(h.Value);
    }

    private static void WriteResult(WireWriter w, IRecordResult result)
    {
        switch (result)
        {
            case RecordDelivered m:
                w.Guid(m.RecordId).Int32(m.Submission).Int32(m.Partition.Value).Int64(m.Offset.Value).Timestamp(m.Timestamp)
                    .Byte((byte)m.Status).Int32(m.Attempts);
                break;
            case RecordDeadLettered m:
                w.Guid(m.RecordId).Int32(m.Submission).Int32(m.Attempts).Bool(m.Error is not null);
                if (m.Error is not null) Write(w, m.Error);
                w.Byte((byte)m.Cause).Bool(m.FirstFailureAt is not null).Instant(m.FirstFailureAt ?? default)
                    .Bool(m.LastFailureAt is not null).Instant(m.LastFailureAt ?? default).TopicPartitionOffset(m.DeadLetterTopicPartitionOffset)
                    .Bool(m.PublishError is not null);
                if (m.PublishError is not null) Write(w, m.PublishError);
                break;
            case RecordRejected m:
                w.Guid(m.RecordId).Int32(m.Submission).String(m.Reason);
                break;
            default:
                throw Unknown(result);
        }
    }

    // Inside a frame a result's type is one byte, not a manifest string.
    private static byte ResultTag(IRecordResult result) => result switch
    {
        RecordDelivered => 1,
        RecordDeadLettered => 2,
        RecordRejected => 3,
        _ => throw Unknown(result),
    };

    private static readonly string[] ResultManifests = ["", RecordDeliveredManifest, RecordDeadLetteredManifest, RecordRejectedManifest];

    /// <summary>
    /// Anything may arrive on a remoting port: whatever is wrong with a payload (short, forged counts,
    /// bad values, bytes left over) ends here as a <see cref="SerializationException"/>.
    /// </summary>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return Read(bytes, manifest);
        }
        catch (Exception e) when (e is not SerializationException)
        {
            // A check the reader missed: still the peer's fault, never this node's.
            throw new SerializationException($"Malformed KafkaActors cluster message '{manifest}': {e.Message}", e);
        }
    }

    private object Read(byte[] bytes, string manifest)
    {
        var r = new WireReader(bytes);
        var version = r.Byte();
        if (version != FormatVersion)
            throw new SerializationException($"KafkaActors cluster message '{manifest}' has format version {version}; this node reads version {FormatVersion}. Run one KafkaActors version across the cluster, or upgrade this node.");
        object message = manifest switch
        {
            ProduceRequestManifest => ReadRecord(ref r, r.Int32("a bucket", 0), ReadReplyTo(ref r)),
            ProduceFrameManifest => ReadProduceFrame(ref r, ReadReplyTo(ref r)),
            NodeFrameManifest => ReadNodeFrame(ref r),
            RecordAcceptedManifest => new RecordAccepted(r.Guid(), Submission(ref r), r.Address()),
            RecordDeliveredManifest or RecordDeadLetteredManifest or RecordRejectedManifest => ReadResult(ref r, manifest),
            ResultFrameManifest => ReadResultFrame(ref r),
            _ => throw new SerializationException($"Unknown KafkaActors cluster message manifest '{manifest}'."),
        };
        if (!r.AtEnd) throw WireReader.Malformed($"'{manifest}' has trailing bytes");
        return message;
    }

    private static IRecordResult ReadResult(ref WireReader r, string manifest) => manifest switch
    {
        RecordDeliveredManifest => new RecordDelivered(r.Guid(), Submission(ref r), r.Partition(), new Offset(r.Int64()), r.Timestamp(),
            r.Enum<PersistenceStatus>(), Attempt(ref r)),
        RecordDeadLetteredManifest => new RecordDeadLettered(r.Guid(), Submission(ref r), Attempt(ref r), r.Bool() ? ReadError(ref r) : null,
            r.Enum<DeadLetterCause>(), NullableInstant(ref r), NullableInstant(ref r), r.TopicPartitionOffset(), r.Bool() ? ReadError(ref r) : null),
        _ => new RecordRejected(r.Guid(), Submission(ref r), r.String()),
    };

    /// <summary>An acceptance takes a record id and a submission number; a result at least its tag, id and submission.</summary>
    private const int MinAcceptedBytes = 20, MinResultBytes = 21;

    private static ResultFrame ReadResultFrame(ref WireReader r)
    {
        var node = r.Address();
        var accepted = new AcceptedSubmission[r.Count("acceptances", MinAcceptedBytes)];
        for (var i = 0; i < accepted.Length; i++) accepted[i] = new AcceptedSubmission(r.Guid(), Submission(ref r));
        var results = new IRecordResult[r.Count("results", MinResultBytes)];
        for (var i = 0; i < results.Length; i++)
        {
            var tag = r.Byte();
            if (tag is 0 or >= 4) throw WireReader.Malformed($"{tag} is not a result type");
            results[i] = ReadResult(ref r, ResultManifests[tag]);
        }
        return new ResultFrame(node, accepted, results);
    }

    /// <summary>A header takes at least its two length prefixes.</summary>
    private const int MinHeaderBytes = 8;

    private IActorRef ReadReplyTo(ref WireReader r) => system.Provider.ResolveActorRef(r.ActorPath());

    private static ProduceRequest ReadRecord(ref WireReader r, int bucket, IActorRef replyTo)
    {
        var id = r.Guid();
        var submission = Submission(ref r);
        var topic = r.RepeatedString();
        var partition = r.Partition();
        var key = r.Bytes();
        var value = r.Bytes();
        var timestamp = r.Timestamp();
        var headers = new WireHeader[r.Count("headers", MinHeaderBytes)];
        for (var i = 0; i < headers.Length; i++) headers[i] = new WireHeader(r.RepeatedString(), r.Bytes());
        return new ProduceRequest(id, bucket, submission, topic, partition, key, value, headers, timestamp, replyTo);
    }

    /// <summary>A record takes at least its id, submission, four length prefixes, partition and timestamp.</summary>
    private const int MinRecordBytes = 16 + 4 + 4 + 4 + 4 + 4 + 9 + 4;

    /// <summary>A bucket's frame takes at least its bucket and its count.</summary>
    private const int MinFrameBytes = 8;

    private NodeFrame ReadNodeFrame(ref WireReader r)
    {
        var replyTo = ReadReplyTo(ref r);
        var frames = new ProduceFrame[r.Count("bucket frames", MinFrameBytes)];
        for (var i = 0; i < frames.Length; i++) frames[i] = ReadProduceFrame(ref r, replyTo);
        return new NodeFrame(replyTo, frames);
    }

    private static ProduceFrame ReadProduceFrame(ref WireReader r, IActorRef replyTo)
    {
        var bucket = r.Int32("a bucket", 0);
        var requests = new ProduceRequest[r.Count("records", MinRecordBytes)];
        for (var i = 0; i < requests.Length; i++) requests[i] = ReadRecord(ref r, bucket, replyTo);
        return new ProduceFrame(bucket, replyTo, requests);
    }

    private static int Submission(ref WireReader r) => r.Int32("a submission number", 1);

    // Written as a presence flag and a value, so the layout does not depend on it.
    private static DateTimeOffset? NullableInstant(ref WireReader r)
    {
        var present = r.Bool();
        var instant = r.Instant();
        return present ? instant : null;
    }

    private static int Attempt(ref WireReader r) => r.Int32("an attempt count", 0);

    private static void Write(WireWriter w, WireError e) =>
        w.Int32((int)e.Code).String(e.Reason).Byte((byte)e.Kind).Bool(e.IsLocal).Byte((byte)e.Status).String(e.ExceptionType).String(e.ExceptionMessage);

    // Error codes pass as they are: librdkafka and brokers add codes, and an unknown one is still an error.
    private static WireError ReadError(ref WireReader r) =>
        new((ErrorCode)r.Int32(), r.String(), r.Enum<FailureKind>(), r.Bool(), r.Enum<PersistenceStatus>(), r.NullableString(), r.NullableString());

    private static SerializationException Unknown(object o) =>
        new($"{nameof(ClusterWireSerializer)} cannot serialize {o?.GetType().FullName ?? "null"}: it handles KafkaActors cluster messages only.");
}
