using System.Diagnostics;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// One paced run's clock: record i is due at i / rate seconds after the start. The pacing thread wakes about once a
/// millisecond and hands over every record due by then (a tick's worth at once: at 500,000 records/s, 500), so it costs
/// the paths under test almost no CPU. A record's latency runs from its tick to its outcome. Not from its own hand-over:
/// raw's <c>Produce</c> is synchronous, so the last record of a tick is handed over only after the pacer has spent the
/// tick's other <c>Produce</c> calls, while the flow's and the actor's hand-overs return at once and the same wait happens
/// in their queues. A stamp per hand-over counted that wait for the pipeline and left it out for raw (coordinated
/// omission); the tick counts it for both, and leaves out only the pacer's own oversleeping.
/// </summary>
internal sealed class PacedLatency(int count, double rate)
{
    private readonly long[] _sentAt = new long[count];
    private readonly double[] _latencyMs = new double[count];
    private readonly TaskCompletionSource _allBack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _back;
    private long _rejected;

    public int Count => count;

    public Task AllBack => _allBack.Task;

    /// <summary>Hand-overs refused (the producer actor's intake was full) and made again.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public void Rejection() => Interlocked.Increment(ref _rejected);

    /// <summary>Calls <paramref name="send"/> for every record at its time, on a thread of its own.</summary>
    public Task SendAll(Action<int> send) => Task.Factory.StartNew(() =>
    {
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < count)
        {
            // Every record due by now goes, then the thread sleeps a tick: spinning between records would take one
            // of this machine's two cores from the paths being measured.
            var tick = Stopwatch.GetTimestamp();
            var due = Math.Min(count, (long)(Stopwatch.GetElapsedTime(start, tick).TotalSeconds * rate) + 1);
            for (; next < due; next++)
            {
                // Published before the hand-over: the outcome may come back on another thread before send returns.
                Volatile.Write(ref _sentAt[next], tick);
                send(next);
            }
            if (next < count) Thread.Sleep(1);
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Record <paramref name="i"/>'s outcome is back (any thread, once per record).</summary>
    public void Back(int i)
    {
        _latencyMs[i] = Stopwatch.GetElapsedTime(Volatile.Read(ref _sentAt[i])).TotalMilliseconds;
        if (Interlocked.Increment(ref _back) == count) _allBack.TrySetResult();
    }

    public (double P50, double P99) Percentiles()
    {
        var sorted = _latencyMs.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return (At(0.50), At(0.99));
    }

    /// <summary>Values that carry their record's number in their first four bytes, so an outcome says which record it is.</summary>
    public static byte[][] NumberedValues(int count, int size) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var value = new byte[Math.Max(size, 4)];
            BitConverter.TryWriteBytes(value, i);
            return value;
        }).ToArray();

    public static int NumberOf(byte[] value) => BitConverter.ToInt32(value, 0);
}
