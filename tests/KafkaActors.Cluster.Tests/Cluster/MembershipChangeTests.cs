using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using KafkaActors.Cluster.Routing;
using KafkaActors.Cluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Cluster;

public class MembershipChangeTests(ITestOutputHelper output) : ClusterSpec(output)
{
    private const int PerNode = 4000;

    [Fact]
    public async Task A_node_joining_mid_stream_takes_buckets_over_and_nothing_is_lost()
    {
        var nodes = await StartNodes(2);
        var clock = Stopwatch.StartNew();
        var first = new[] { Submit(nodes[0], 0, PerNode, window: 200), Submit(nodes[1], 1, PerNode, window: 200) };

        await Eventually.True(() => first.All(s => s.Answered >= PerNode / 10), TimeSpan.FromSeconds(60), "a tenth of the records answered");
        var joiner = await Join([]);
        await Eventually.True(async () => (await HostedBuckets(joiner)) > 0, TimeSpan.FromSeconds(60), "the new node hosts buckets");
        var rebalancedAt = clock.Elapsed;
        var firstResults = await Eventually.Within(Task.WhenAll(first.Select(s => s.Run)), TimeSpan.FromSeconds(120), "first wave answered");

        // A second wave, with the same keys, once the new node owns some of their buckets.
        var second = new[] { Submit(nodes[0], 0, PerNode / 4, firstSequence: PerNode), Submit(nodes[1], 1, PerNode / 4, firstSequence: PerNode) };
        var secondResults = await Eventually.Within(Task.WhenAll(second.Select(s => s.Run)), TimeSpan.FromSeconds(120), "second wave answered");

        var all = firstResults.Concat(secondResults).ToList();
        var delivered = firstResults.SelectMany(r => OutcomeChecks.AllDelivered(r, PerNode))
            .Concat(secondResults.SelectMany(r => OutcomeChecks.AllDelivered(r, PerNode / 4))).ToList();
        // Order per key, moved or not: a bucket's new owner gets its records only after the old owner
        // answered what it held (hand-off), and a record the front door sends again before anyone
        // accepted it still heads its key (submitter.preserve-key-order). Before those lanes, about one
        // run in three had an unmoved key out of order (a re-submission during the rebalance).
        var moved = await HostedBucketIds(joiner);
        var buckets = joiner.Producers!.Settings.Buckets;
        bool Moved(Produced<string, string, int> d) =>
            moved.Contains(KeyBuckets.BucketOf(System.Text.Encoding.UTF8.GetBytes(d.Envelope.Message.Key), buckets));
        var unmovedOutOfOrder = OutcomeChecks.KeysOutOfOrder(delivered.Where(d => !Moved(d)));
        var movedOutOfOrder = OutcomeChecks.KeysOutOfOrder(delivered.Where(Moved));
        var duplicates = OutcomeChecks.EverySubmittedIdStored(all.SelectMany(r => r.Replies), ReadTopic());
        Output.WriteLine($"joined and hosting {moved.Count} buckets at {rebalancedAt.TotalSeconds:F1} s; {delivered.Count} records delivered; " +
                         $"keys out of order: unmoved {unmovedOutOfOrder}, moved {movedOutOfOrder}; duplicates in topic {duplicates}");
        Assert.Equal((0, 0), (unmovedOutOfOrder, movedOutOfOrder));
    }

    [Fact]
    public async Task A_producer_node_leaving_gracefully_mid_stream_finishes_or_hands_over_its_work_and_nothing_is_lost()
    {
        var run = await SubmitThroughAChangeOfNode2(leaver => leaver.Leave(), PerNode, node2Submits: false);

        Assert.Equal(2 * PerNode, run.Delivered.Count);
        // Order per key: a key can only be out of order when one of its records was sent again after a later
        // record of it went out (the leaver accepted it, then could not answer): the front door counts those.
        Output.WriteLine($"left: {run} of {run.Delivered.Select(d => d.Envelope.Message.Key).Distinct().Count()} keys");
        Assert.True(run.KeysOutOfOrder <= run.OrderAtRisk, $"{run.KeysOutOfOrder} keys out of order, only {run.OrderAtRisk} records counted at risk");
    }

    private static async Task<int> HostedBuckets(InProcessNode node) => (await HostedBucketIds(node)).Count;

    private static async Task<HashSet<int>> HostedBucketIds(InProcessNode node)
    {
        var state = await node.Producers!.Buckets.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Select(shard => int.Parse(shard.ShardId, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
    }
}
