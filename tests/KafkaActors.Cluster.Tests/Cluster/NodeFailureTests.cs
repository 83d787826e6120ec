using System.Diagnostics;
using KafkaActors.Cluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Cluster;

public class NodeFailureTests(ITestOutputHelper output) : ClusterSpec(output)
{
    private const int PerNode = 4000;

    [Fact]
    public async Task When_a_producer_node_is_killed_mid_stream_every_record_from_the_survivors_gets_an_outcome_and_is_in_the_topic()
    {
        var nodes = await StartNodes(3);
        var clock = Stopwatch.StartNew();
        var survivors = new[] { Submit(nodes[0], 0, PerNode, window: 500), Submit(nodes[1], 1, PerNode, window: 500) };
        _ = Submit(nodes[2], 2, PerNode, window: 500); // dies with its node: its callers are gone too

        await Eventually.True(() => survivors.All(s => s.Answered >= PerNode / 5), TimeSpan.FromSeconds(60), "a fifth of the records answered");
        var victim = nodes[2].Address;
        await nodes[2].Kill();
        var killedAt = clock.Elapsed;

        var results = await Eventually.Within(Task.WhenAll(survivors.Select(s => s.Run)), TimeSpan.FromSeconds(120), "every survivor record answered");
        await Removed(nodes.Take(2), victim);

        foreach (var result in results) OutcomeChecks.AllDelivered(result, PerNode);
        var stored = ReadTopic();
        var duplicates = OutcomeChecks.EverySubmittedIdStored(results.SelectMany(r => r.Replies), stored);
        var stats = await Task.WhenAll(survivors.Select(s => s.Stats()));
        Output.WriteLine($"killed {victim} at {killedAt.TotalSeconds:F1} s; all {2 * PerNode} survivor records answered at {clock.Elapsed.TotalSeconds:F1} s; " +
                         $"stored {stored.Count} (the victim's own included), duplicates in topic {duplicates}; " +
                         $"re-submissions {stats.Sum(s => s.Resubmissions)}, duplicate results dropped {stats.Sum(s => s.DuplicateResults)}");
    }
}
