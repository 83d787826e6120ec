using System.Diagnostics;

namespace KafkaActors.Cli.Bench;

/// <summary>Samples the process's working set every 50 ms and keeps the peak (the kernel's own high-water mark is read too).</summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Timer _timer;
    private long _current;
    private long _peak;

    public WorkingSetSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public long CurrentBytes => Interlocked.Read(ref _current);

    /// <summary>The higher of the sampled peak and the process's peak working set (VmHWM) so far.</summary>
    public long PeakBytes
    {
        get
        {
            Sample();
            return Math.Max(Interlocked.Read(ref _peak), _process.PeakWorkingSet64);
        }
    }

    private void Sample()
    {
        lock (_process)
        {
            _process.Refresh();
            var now = _process.WorkingSet64;
            Interlocked.Exchange(ref _current, now);
            if (now > _peak) Interlocked.Exchange(ref _peak, now);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _process.Dispose();
    }
}
