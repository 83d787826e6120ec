using System.Diagnostics;
using KafkaActors.Cli.Bench;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class PacedLatencyTests
{
    // The latency bench's clock must charge a synchronous hand-over (raw's Produce) with the time the tick's earlier
    // hand-overs took, as the pipeline's queue is charged with it: a stamp per hand-over left that out for raw only.
    [Fact]
    public async Task A_record_handed_over_late_in_its_tick_counts_the_wait_for_the_tick_s_earlier_hand_overs()
    {
        const int records = 10;
        var work = TimeSpan.FromMilliseconds(0.5);
        // Every record is due at the first tick: at this rate the second one is due after a picosecond.
        var clock = new PacedLatency(records, rate: 1e12);
        await clock.SendAll(i =>
        {
            // A synchronous hand-over that takes its time, its outcome known when it returns.
            var spin = Stopwatch.StartNew();
            while (spin.Elapsed < work) Thread.SpinWait(20);
            clock.Back(i);
        });
        await clock.AllBack.WaitAsync(TimeSpan.FromSeconds(30));

        var (p50, p99) = clock.Percentiles();
        // The median record (the fifth) waited for four hand-overs and made its own; the last one for nine and its own.
        Assert.True(p50 >= 5 * work.TotalMilliseconds, $"p50 {p50:F3} ms, expected at least {5 * work.TotalMilliseconds} ms");
        Assert.True(p99 >= records * work.TotalMilliseconds, $"p99 {p99:F3} ms, expected at least {records * work.TotalMilliseconds} ms");
    }
}
