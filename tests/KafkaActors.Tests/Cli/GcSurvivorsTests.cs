using KafkaActors.Cli.Bench;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

// It counts the whole process's collections: nothing else may allocate meanwhile.
[Collection(RunsAlone.Name)]
public class GcSurvivorsTests
{
    [Fact]
    public void Counts_what_a_gen0_collection_keeps_alive_and_not_what_it_frees()
    {
        using var survivors = new GcSurvivors();
        var before = GcActivity.StartClean(survivors);

        // 8 MB of young objects kept, 8 MB dropped: a gen0 collection promotes the kept ones only.
        var kept = Enumerable.Range(0, 1024).Select(_ => new byte[8 * 1024]).ToList();
        for (var i = 0; i < 1024; i++) GC.KeepAlive(new byte[8 * 1024]);
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var activity = GcActivity.Since(before, survivors);
        GC.KeepAlive(kept);

        Assert.NotNull(activity.PromotedFromGen0);
        Assert.InRange(activity.PromotedFromGen0!.Value, 8L * 1024 * 1024, 12L * 1024 * 1024);
        Assert.Contains("KB promoted per collection", activity.ToString());
    }
}
