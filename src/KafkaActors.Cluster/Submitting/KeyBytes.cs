using KafkaActors.Cluster.Routing;

namespace KafkaActors.Cluster.Submitting;

/// <summary>Key bytes compared by content.</summary>
internal sealed class KeyBytes : IEqualityComparer<byte[]>
{
    public static readonly KeyBytes Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] key) => (int)KeyBuckets.Hash(key);
}
