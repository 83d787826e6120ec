using Akka.Actor;

namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// Many submissions for one bucket from one submitter, as one message: one sharding envelope and one
/// remote message instead of one per record. Every request carries the frame's bucket and reply-to.
/// </summary>
internal sealed record ProduceFrame(int Bucket, IActorRef ReplyTo, IReadOnlyList<ProduceRequest> Requests) : IClusterWireMessage
{
    public override string ToString() => $"ProduceFrame(bucket {Bucket}, {Requests.Count} records)";
}
