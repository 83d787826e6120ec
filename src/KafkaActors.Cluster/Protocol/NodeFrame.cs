using Akka.Actor;

namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// Frames for several buckets, from one submitter to the producer node it last saw owning them: one remote
/// message for all of them. The node's inbox hands each frame to its local shard region, which delivers it,
/// or forwards or buffers it when the bucket has moved, as for a frame that came through sharding.
/// </summary>
internal sealed record NodeFrame(IActorRef ReplyTo, IReadOnlyList<ProduceFrame> Frames) : IClusterWireMessage
{
    public override string ToString() => $"NodeFrame({Frames.Count} buckets, {Frames.Sum(f => f.Requests.Count)} records)";
}
