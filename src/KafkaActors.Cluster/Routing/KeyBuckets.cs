namespace KafkaActors.Cluster.Routing;

/// <summary>
/// Maps serialized keys to buckets. The hash is over the key's bytes and fixed forever (FNV-1a, then
/// a murmur3 finalizer so the low bits spread well): every node, every process and every version must
/// agree on a key's bucket, which rules out <c>string.GetHashCode</c> (randomized per process).
/// </summary>
internal static class KeyBuckets
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    public static int BucketOf(ReadOnlySpan<byte> key, int buckets)
    {
        if (buckets <= 0) throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "There must be at least one bucket.");
        return (int)(Hash(key) % (uint)buckets);
    }

    public static uint Hash(ReadOnlySpan<byte> key)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in key)
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return Mix(hash);
    }

    // murmur3's fmix32: every input bit affects every output bit.
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
