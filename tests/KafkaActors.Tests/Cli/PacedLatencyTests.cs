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
        // At this rate every record is due a picosecond after the start.
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
        // The first tick may find only the first record due (when it comes within the clock's resolution of the start);
        // the next one finds the other nine due, so at least records 1-9 share a tick. Record 4 then waited for three
        // hand-overs and made its own, record 9 for eight; a stamp per hand-over gave every record ~one hand-over.
        Assert.True(p50 >= 4 * work.TotalMilliseconds, $"p50 {p50:F3} ms, expected at least {4 * work.TotalMilliseconds} ms");
        Assert.True(p99 >= 9 * work.TotalMilliseconds, $"p99 {p99:F3} ms, expected at least {9 * work.TotalMilliseconds} ms");
    }
}
