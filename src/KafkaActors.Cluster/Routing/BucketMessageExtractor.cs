using Akka.Cluster.Sharding;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Routing;

/// <summary>
/// One entity per bucket, and one shard per bucket: the coordinator can move any single bucket, so
/// rebalancing is as fine-grained as the bucket count allows.
/// </summary>
internal sealed class BucketMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        ProduceFrame f => BucketName(f.Bucket),
        ProduceRequest r => BucketName(r.Bucket),
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    public static string BucketName(int bucket) => bucket.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
