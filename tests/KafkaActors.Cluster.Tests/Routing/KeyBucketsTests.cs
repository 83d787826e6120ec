using System.Text;
using KafkaActors.Cluster.Routing;
using Xunit;

namespace KafkaActors.Cluster.Tests.Routing;

public class KeyBucketsTests
{
    [Fact]
    public void The_bucket_of_a_key_is_fixed_forever_across_processes_and_versions()
    {
        // Pinned values: changing the hash would move every key to another bucket in a running cluster.
        Assert.Equal(0x1A80B1B3u, KeyBuckets.Hash("a"u8));
        Assert.Equal(PinnedBuckets, Keys.Select(k => KeyBuckets.BucketOf(Encoding.UTF8.GetBytes(k), 64)).ToArray());
    }

    [Fact]
    public void Keys_spread_evenly_over_the_buckets()
    {
        const int buckets = 64, keys = 64_000;
        var counts = new int[buckets];
        for (var i = 0; i < keys; i++) counts[KeyBuckets.BucketOf(Encoding.UTF8.GetBytes($"customer-{i}"), buckets)]++;

        // 1,000 expected per bucket; a decent hash stays well within ±20 %.
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void The_empty_key_has_a_bucket_too() => Assert.InRange(KeyBuckets.BucketOf([], 128), 0, 127);

    private static readonly string[] Keys = ["", "a", "order-1", "order-2", "customer-42", "ü"];
    private static readonly int[] PinnedBuckets = [11, 51, 28, 0, 12, 6];
}
