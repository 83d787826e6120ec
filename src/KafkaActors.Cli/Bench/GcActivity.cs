using System.Globalization;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The collections and pauses of one measured run. A run starts from a clean heap (<see cref="StartClean"/>) so it does not
/// pay for the garbage of the one before: without that, the latency bench's own arrays of the previous run (several MB each,
/// on the large-object heap) set off a gen2 collection in whichever path came next, and that path's p99 took the pause
/// (2026-12-02: 17–40 ms rounds against 7–9 ms beside them).
/// </summary>
internal readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long? PromotedFromGen0 = null)
{
    /// <summary>Collects everything collectable, then starts counting (with <paramref name="survivors"/>: what gen0 collections promote, too).</summary>
    public static GcActivity StartClean(GcSurvivors? survivors = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Now(survivors);
    }

    /// <summary>What happened since <paramref name="start"/>.</summary>
    public static GcActivity Since(GcActivity start, GcSurvivors? survivors = null)
    {
        var now = Now(survivors);
        return new GcActivity(now.Gen0 - start.Gen0, now.Gen1 - start.Gen1, now.Gen2 - start.Gen2, now.Paused - start.Paused,
            now.PromotedFromGen0 - start.PromotedFromGen0);
    }

    private static GcActivity Now(GcSurvivors? survivors) =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), survivors?.CaughtUp());

    // Counts include the older generations' collections: a gen1 collection also collects gen0.
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GC {Gen0}/{Gen1}/{Gen2} (gen0/1/2), paused {Paused.TotalMilliseconds:N0} ms") +
        (PromotedFromGen0 is { } promoted && Gen0 > 0
            ? string.Create(CultureInfo.InvariantCulture, $", {promoted / 1024.0 / Gen0:N0} KB promoted per collection")
            : "");
}
