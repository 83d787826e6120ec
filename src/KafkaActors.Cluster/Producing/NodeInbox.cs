using Akka.Actor;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Producing;

/// <summary>
/// A producer node's door for <see cref="NodeFrame"/>s: each bucket's frame goes on to the node's own shard
/// region, so ownership, hand-off and buffering stay sharding's whichever way a frame came.
/// </summary>
internal sealed class NodeInbox(IActorRef region) : UntypedActor
{
    public static Props Props(IActorRef region) => Akka.Actor.Props.Create(() => new NodeInbox(region));

    /// <summary>Where a node's inbox is: the same name on every producer node.</summary>
    public static string Name(ClusterProducingSettings settings) => $"{settings.TypeName}-inbox";

    protected override void OnReceive(object message)
    {
        if (message is not NodeFrame frame)
        {
            Unhandled(message);
            return;
        }
        foreach (var bucketFrame in frame.Frames) region.Tell(bucketFrame, frame.ReplyTo);
    }
}
