using Akka.Actor;
using Confluent.Kafka;

namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// One submission of one record, from a submitter to the bucket entity that owns its key: the record
/// already serialized to bytes, and where to send the answers. The caller's context never travels:
/// it stays in the submitter's pending set under <see cref="RecordId"/>.
/// </summary>
internal sealed record ProduceRequest(
    Guid RecordId,
    int Bucket,
    int Submission,
    string Topic,
    Partition Partition,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<WireHeader> Headers,
    Timestamp Timestamp,
    IActorRef ReplyTo) : IClusterWireMessage
{
    public override string ToString() => $"ProduceRequest({RecordId:N}, bucket {Bucket}, submission {Submission}, {Topic})";
}

/// <summary>One Kafka header as it crosses the wire.</summary>
internal sealed record WireHeader(string Key, byte[]? Value);
