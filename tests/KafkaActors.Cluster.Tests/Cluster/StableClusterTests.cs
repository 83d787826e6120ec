using System.Diagnostics;
using KafkaActors.Cluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Cluster;

public class StableClusterTests(ITestOutputHelper output) : ClusterSpec(output)
{
    [Fact]
    public async Task Three_nodes_submitting_ten_thousand_keyed_records_get_one_outcome_each_with_offsets_in_submission_order_per_key()
    {
        var nodes = await StartNodes(3);
        var clock = Stopwatch.StartNew();

        var runs = new[] { Submit(nodes[0], 0, 3334), Submit(nodes[1], 1, 3333), Submit(nodes[2], 2, 3333) };
        var results = await Eventually.Within(Task.WhenAll(runs.Select(r => r.Run)), TimeSpan.FromSeconds(90), "10,000 outcomes");

        var delivered = results.SelectMany((r, i) => OutcomeChecks.AllDelivered(r, runs[i].Node == 0 ? 3334 : 3333)).ToList();
        OutcomeChecks.OffsetsFollowSubmissionOrderPerKey(delivered);
        var stored = ReadTopic();
        var duplicates = OutcomeChecks.EverySubmittedIdStored(results.SelectMany(r => r.Replies), stored);
        var stats = await Task.WhenAll(runs.Select(r => r.Stats()));
        Output.WriteLine($"10,000 records from 3 nodes in {clock.Elapsed.TotalSeconds:F1} s; stored {stored.Count}, duplicates in topic {duplicates}; " +
                         $"re-submissions {stats.Sum(s => s.Resubmissions)}, duplicate results dropped {stats.Sum(s => s.DuplicateResults)}");
        Assert.Equal(10_000, delivered.Count);
    }
}
