using KafkaActors.Cluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Cluster;

public class NodeFailureTests(ITestOutputHelper output) : ClusterSpec(output)
{
    [Fact]
    public async Task When_a_producer_node_is_killed_mid_stream_every_record_from_the_survivors_gets_an_outcome_and_is_in_the_topic()
    {
        // The victim submits too: its callers die with it, the others' records must not.
        var run = await SubmitThroughAChangeOfNode2(victim => victim.Kill(), perNode: 4000, node2Submits: true);

        Assert.Equal(8000, run.Delivered.Count);
        Output.WriteLine($"killed: {run} (stored includes the victim's own records)");
        // Records the victim accepted may be persisted or not: those sent again behind a later record of
        // their key are counted, and no key is out of order without one of them.
        Assert.True(run.KeysOutOfOrder <= run.OrderAtRisk, $"{run.KeysOutOfOrder} keys out of order, only {run.OrderAtRisk} records counted at risk");
    }
}
